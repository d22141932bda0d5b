using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Video;

/// <summary>
/// Section <c>Video</c>: how video-analytics alerts are taken — the confidence above which an alert is a case, the
/// de-duplication window, the limits of a batch and its snapshots, the event kinds with their case categories, and
/// whether Development plants sample cameras.
/// </summary>
public sealed class VideoOptions
{
    public const string Section = "Video";
    public const string SeedSampleSetting = Section + ":SeedSample";

    /// <summary>At or above it the alert becomes a case; below it a case that waits for an inspector's 核实.</summary>
    [Range(0.0, 1.0)]
    public double ConfidenceThreshold { get; set; } = 0.8;

    /// <summary>
    /// The length of the de-duplication windows per camera and event kind: fixed windows from the Unix epoch (10 min:
    /// 08:00, 08:10, …), so every host and every replay puts an alert in the same one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most alerts in one request or event.</summary>
    [Range(1, 100)]
    public int MaxAlertsPerBatch { get; set; } = 20;

    /// <summary>The largest snapshot, in bytes once decoded from base64 (the whole signed body is bounded by <c>Signing:MaxBodyBytes</c>).</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxSnapshotBytes { get; set; } = 512 * 1024;

    /// <summary>How far ahead of the hub's clock an alert's time may be.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Within this distance of a camera, a registered advertisement with a valid permit makes a small-ads alert no violation.</summary>
    [Range(0.0, 500.0)]
    public double PermittedAdvertisementRadiusMetres { get; set; } = 15;

    /// <summary>
    /// The event kinds by wire name, each with the code-scheme category its cases take (<c>Video:EventKinds:{name}:CategoryCode</c>);
    /// configuration adds kinds or changes codes. Checked against the code catalogue at start.
    /// </summary>
    public Dictionary<string, VideoEventKind> EventKinds { get; set; } = new(StringComparer.Ordinal)
    {
        ["street-vending"] = new() { CategoryCode = "0406", Name = "占道经营" },
        ["small-ads"] = new() { CategoryCode = "0201", Name = "非法小广告", CheckAdvertisements = true },
        ["bicycle-parking"] = new() { CategoryCode = "0410", Name = "非机动车乱停放" },
    };

    /// <summary>Plants the sample cameras (cameras.seed.json) at startup; Development and local settings only.</summary>
    public bool SeedSample { get; set; }
}

/// <summary>An event kind of the video platform: the event code its cases take (kind event) and its name for people.</summary>
public sealed class VideoEventKind
{
    public string CategoryCode { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>An alert of this kind where a registered advertisement with a valid permit stands is no violation (small ads).</summary>
    public bool CheckAdvertisements { get; set; }
}
