using Lyg.Contracts;
using Lyg.Hub.Features.Units;
using Lyg.Orchestrations.Routing;

namespace Lyg.Hub.Features.Routing;

/// <summary>
/// The routing rules in force: the configured table joined by the service areas of the active units, re-read from the
/// registry on <see cref="RefreshAsync"/>. Reads are lock-free over an immutable snapshot.
/// </summary>
public sealed class CurrentRouting(RoutingRules table, UnitStore units)
{
    private long _lastRead;
    private Snapshot _snapshot = new(table, [], 0);

    public RoutingRules Rules => Volatile.Read(ref _snapshot).Rules;

    /// <summary>
    /// The active units whose service area names one of <paramref name="places"/> (most specific first), each with
    /// the most specific of its places, in that order and then by unit code.
    /// </summary>
    public IReadOnlyList<(UnitView Unit, string Place)> UnitsServing(IReadOnlyList<string> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        var units = Volatile.Read(ref _snapshot).Serving;
        var serving = new List<(UnitView Unit, string Place)>();
        foreach (var place in places)
        {
            serving.AddRange(units
                .Where(u => u.ServiceArea!.Places.Contains(place) && !serving.Exists(s => s.Unit.Code == u.Code))
                .Select(u => (u, place)));
        }

        return serving;
    }

    /// <summary>
    /// Re-reads the registry. Refreshes may overlap (the periodic one and one after a save); each read is numbered when
    /// it starts and only replaces a snapshot from an earlier read, so an older read never wins over a newer one.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var read = Interlocked.Increment(ref _lastRead);
        var serving = new List<UnitView>();
        string? after = null;
        do
        {
            var page = await units.ListAsync(kind: null, active: true, UnitStore.MaxPageSize, after, cancellationToken);
            serving.AddRange(page.Items.Where(u => u.ServiceArea is { Places.Count: > 0 }));
            after = page.ContinuationToken;
        }
        while (after is not null);

        var claims =
            from unit in serving
            from place in unit.ServiceArea!.Places
            from category in unit.ServiceArea!.Categories
            select new ServiceAreaClaim(unit.Code, category, place);
        var fresh = new Snapshot(table.WithServiceAreas(claims), serving, read);
        for (var current = Volatile.Read(ref _snapshot); current.Read < read;)
        {
            var seen = Interlocked.CompareExchange(ref _snapshot, fresh, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>The rules, the units they took service areas from (in code order), and the number of the read.</summary>
    private sealed record Snapshot(RoutingRules Rules, IReadOnlyList<UnitView> Serving, long Read);
}
