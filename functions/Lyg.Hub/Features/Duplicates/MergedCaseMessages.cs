using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Outbox;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Duplicates;

/// <summary>
/// What the outbox producers tell the cases merged into a main case (并单), written on the main case in the transaction
/// of its change: when the main case closes, every merged case's reporter and 12345 order hear it; when a case is merged
/// into a main case that has closed meanwhile, that case hears it at once. Each message's kind ends with the merged case's
/// place in the main case's list (<c>hotline-closed-merged-2</c>), so every merged case gets an id, and with it an
/// Idempotency-Key, of its own; the payload is the kind's usual one, for the merged case's reporter or work order.
/// </summary>
public static class MergedCaseMessages
{
    /// <summary>The merged cases that hear of <paramref name="change"/>, with their 1-based place in the main case's list.</summary>
    public static IEnumerable<(MergedCase Case, int Ordinal)> ToTell(CaseChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var merged = change.MergedCases ?? [];
        if (change.Facts.State != CaseState.Closed || merged.Count == 0)
        {
            return [];
        }

        if (change.FromState != CaseState.Closed)
        {
            return merged.Select((m, i) => (m, i + 1));
        }

        // Recorded on a main case that is closed already: only the case this entry records (the list's last) hears now.
        return change.Action == MergeCase.MainAction ? [(merged[^1], merged.Count)] : [];
    }

    /// <summary>The kind of the message <paramref name="kind"/> for the merged case in place <paramref name="ordinal"/>.</summary>
    public static string KindFor(string kind, int ordinal) => string.Create(CultureInfo.InvariantCulture, $"{kind}-merged-{ordinal}");
}
