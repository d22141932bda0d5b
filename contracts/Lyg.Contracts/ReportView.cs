namespace Lyg.Contracts;

/// <summary>
/// GET v1/cases/{caseId} as its reporter sees it: where the report stands in plain words and what happened to it, with
/// no staff, no internal remarks, no slips and no clock. <see cref="Location"/> is the point as the reporter sent it.
/// <see cref="Satisfaction"/> is the reporter's own rating once given. A report merged into another about the same
/// problem (并单) names it in <see cref="MergedInto"/> and follows it: its status and steps are the main case's.
/// </summary>
public sealed record ReportView(
    string CaseId,
    CitizenStatus Status,
    string StatusText,
    string Description,
    string? CategoryCode,
    GeoLocation Location,
    string? Address,
    IReadOnlyList<string> AttachmentIds,
    DateTimeOffset ReportedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ReportStep> Timeline,
    Satisfaction? Satisfaction,
    string? MergedInto = null);

/// <summary>One step of a report's progress, in the words the public is told (<c>已立案，等待派遣。</c>).</summary>
public sealed record ReportStep(DateTimeOffset At, CitizenStatus Status, string StatusText, string Text);

/// <summary>One row of GET v1/cases for a reporter: their own report and its plain-language status.</summary>
public sealed record ReportSummary(
    string CaseId,
    CitizenStatus Status,
    string StatusText,
    string Description,
    string? Address,
    DateTimeOffset ReportedAt,
    DateTimeOffset UpdatedAt);

public sealed record ReportPage(IReadOnlyList<ReportSummary> Items, string? ContinuationToken);
