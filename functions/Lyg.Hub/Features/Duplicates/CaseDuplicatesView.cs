using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Duplicates;

/// <summary>The 并单 part of the staff view of a case; null for a case with no likely duplicates that nothing was merged with.</summary>
public static class CaseDuplicatesView
{
    public static CaseDuplicates? Of(StoredCase stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var likely = stored.LikelyDuplicates ?? [];
        var merged = stored.MergedCases ?? [];
        return likely.Count == 0 && merged.Count == 0 && stored.Facts.MergedInto is null
            ? null
            : new CaseDuplicates(likely, stored.Facts.MergedInto, [.. merged.Select(m => m.CaseId)]);
    }
}
