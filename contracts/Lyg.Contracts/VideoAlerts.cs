using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>
/// The body of POST v1/video/alerts and of each video event on Event Hubs: alerts of a video-analytics platform, each
/// with its snapshot inline (base64 JPEG, PNG or WebP; a URL is never fetched).
/// </summary>
public sealed record VideoAlertBatch(IReadOnlyList<VideoAlertItem> Alerts);

/// <param name="EventKind">The wire name of the event kind (<c>street-vending</c>, <c>small-ads</c>, <c>bicycle-parking</c>).</param>
/// <param name="Confidence">How sure the platform is, 0 to 1.</param>
/// <param name="Snapshot">The picture, base64.</param>
public sealed record VideoAlertItem(string AlertId, string CameraId, string EventKind, double Confidence, DateTimeOffset ObservedAt, string Snapshot);

/// <summary>What became of a video alert.</summary>
[JsonConverter(typeof(WireEnumConverter<VideoAlertOutcome>))]
public enum VideoAlertOutcome
{
    /// <summary>The first of its window, at or above the confidence threshold: a case through the intake.</summary>
    [JsonStringEnumMemberName("case")]
    Case,

    /// <summary>The first of its window, below the threshold: a case waiting for an inspector's 核实.</summary>
    [JsonStringEnumMemberName("verify-task")]
    VerifyTask,

    /// <summary>A repeat within its window: counted with the window's first alert, nothing new.</summary>
    [JsonStringEnumMemberName("joined")]
    Joined,

    /// <summary>Small ads where a registered advertisement with a valid permit stands: checked, not a violation.</summary>
    [JsonStringEnumMemberName("permitted-advertisement")]
    PermittedAdvertisement,
}

/// <summary>
/// One alert's answer: its outcome, the window it fell in (camera, kind, start) with the alerts counted there so far,
/// the case and task of the window, and <see cref="Replayed"/> when the alert id was taken before (nothing changed).
/// </summary>
public sealed record VideoAlertTaken(
    string AlertId,
    VideoAlertOutcome Outcome,
    bool Replayed,
    DateTimeOffset? WindowStart,
    int? WindowCount,
    string? CaseId,
    string? TaskId,
    string? AdvertisementId);

/// <summary>202 of POST v1/video/alerts: every alert taken, in the order sent.</summary>
public sealed record VideoAlertsAccepted(IReadOnlyList<VideoAlertTaken> Items);
