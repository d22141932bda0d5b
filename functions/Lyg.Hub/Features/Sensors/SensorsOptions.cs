using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Sensors;

/// <summary>Section <c>Sensors</c>: the kinds file, the Development sample, and how the hosts keep the registry in memory.</summary>
public sealed class SensorsOptions
{
    public const string Section = "Sensors";
    public const string SeedSampleSetting = Section + ":SeedSample";

    /// <summary>
    /// Optional JSON file in the format of the built-in <c>Features/Sensors/sensor-kinds.json</c>: each of its kinds
    /// replaces the built-in kind of its id whole, or adds a kind.
    /// </summary>
    public string? KindsFile { get; set; }

    /// <summary>Plant the labelled sample sensors (sensors.seed.json) in the sample city at startup (Development).</summary>
    public bool SeedSample { get; set; }

    /// <summary>How often every host reads the registry's changes; an import reaches every host's list within this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an id found in no registry stays refused without another look. A sensor imported since is taken at
    /// once otherwise: telemetry of an id the host does not hold costs one point read per id and interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan UnknownRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most unknown ids remembered; beyond it the memory is cleared, so a flood of made-up ids cannot fill memory.</summary>
    [Range(100, 1_000_000)]
    public int MaxUnknownRemembered { get; set; } = 10_000;
}
