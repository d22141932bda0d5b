using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>
/// Where a report stands in a citizen's words: 已受理 (received, not yet registered), 处理中 (registered and being
/// handled, rework and suspension included, and merged into another case that is handled in its stead), 已办结
/// (closed), 不予受理 (voided: not a case for the platform).
/// </summary>
[JsonConverter(typeof(WireEnumConverter<CitizenStatus>))]
public enum CitizenStatus
{
    [JsonStringEnumMemberName("received")]
    Received,
    [JsonStringEnumMemberName("in-progress")]
    InProgress,
    [JsonStringEnumMemberName("resolved")]
    Resolved,
    [JsonStringEnumMemberName("not-accepted")]
    NotAccepted,
}

public static class CitizenStatuses
{
    public static CitizenStatus Of(CaseState state) => state switch
    {
        CaseState.Reported => CitizenStatus.Received,
        CaseState.Closed => CitizenStatus.Resolved,
        CaseState.Voided => CitizenStatus.NotAccepted,
        // A merged report is handled as the main case: in progress until the main case closes (its reporter hears then).
        CaseState.Merged => CitizenStatus.InProgress,
        _ => CitizenStatus.InProgress,
    };

    /// <summary>The status as the mini-program shows it.</summary>
    public static string Text(CitizenStatus status) => status switch
    {
        CitizenStatus.Received => "已受理",
        CitizenStatus.InProgress => "处理中",
        CitizenStatus.Resolved => "已办结",
        CitizenStatus.NotAccepted => "不予受理",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}

/// <summary>
/// The payload of a <c>reporter-notice</c> message: a citizen's report changed its status. It names the reporter (the
/// notification sender addresses the subscription message by it) and nothing else personal: no staff, no remarks.
/// <see cref="MergedInto"/> is the main case a report was merged into (并单): on the notice of the merge itself, and on
/// the notice that the main case closed, which is written on the main case and so names the reporter's own report in
/// <see cref="CaseId"/> (absent when the report is the envelope's case).
/// </summary>
public sealed record ReporterNotice(
    string ReporterIssuer,
    string ReporterSubject,
    CitizenStatus Status,
    string StatusText,
    CitizenStatus? PreviousStatus,
    string? CaseId = null,
    string? MergedInto = null);
