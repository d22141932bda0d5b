namespace Lyg.Contracts;

/// <summary>
/// POST v1/reports. Members are nullable so that missing fields reach validation instead of failing deserialisation.
/// <see cref="ComponentId"/> names a registered component the report is about; it supplies the category and the
/// location when those are left out. <see cref="CategoryKind"/> says whether the category is a component or an event,
/// which a gb2013 code alone does not (0101 is 上水井盖 and 私搭乱建). <see cref="SelfHandled"/> (inspectors only, with photos):
/// 自行处置, the problem was fixed on the spot and the case goes straight to check.
/// </summary>
public sealed record SubmitReportRequest(
    string? Description,
    string? CategoryCode,
    GeoLocation? Location,
    string? Address,
    IReadOnlyList<string>? AttachmentIds,
    string? ComponentId = null,
    CodeKind? CategoryKind = null,
    bool? SelfHandled = null);

/// <summary>202 answer to a report: the case id and where to read it.</summary>
public sealed record ReportAccepted(string CaseId, string StatusUrl);
