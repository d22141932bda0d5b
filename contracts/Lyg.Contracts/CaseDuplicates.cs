namespace Lyg.Contracts;

/// <summary>
/// 并单 as staff see it on a case: <see cref="Likely"/> are the open cases of the same category that intake found within
/// <c>Duplicates:RadiusMetres</c> and <c>Duplicates:Window</c> of the report, nearest first (as they stood then: each
/// may have moved on since); <see cref="MergedInto"/> is the main case this one was merged into; <see cref="Merged"/>
/// are the cases merged into this one, in the order they were merged.
/// </summary>
public sealed record CaseDuplicates(IReadOnlyList<LikelyDuplicate> Likely, string? MergedInto, IReadOnlyList<string> Merged);

/// <summary>An open case near a new report, with the distance between their WGS84 points in metres.</summary>
public sealed record LikelyDuplicate(string CaseId, double DistanceMetres);

/// <summary>
/// 并单: merges this case into <see cref="IntoCaseId"/>, the main case, which is handled in its stead; this case ends as
/// merged, its reporter follows the main case and hears when it closes.
/// </summary>
public sealed record MergeCaseRequest(string? IntoCaseId, string? Remarks = null);
