using System.Globalization;
using Lyg.Hub.Importing;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.RelateNG;

namespace Lyg.Hub.Features.Places;

/// <summary>
/// The checks between places: every place lies inside its parent, and places of one level do not overlap, each up to
/// the sliver tolerance. Both stay near linear at 10^5 grids: a parent is prepared once for all its children, and
/// overlaps are sought through an STR-tree, where neighbours whose boxes merely touch are passed over before any
/// geometry is compared, and a pair's overlap is measured only when their interiors are known to meet.
/// </summary>
internal static class PlaceTopology
{
    private const string InteriorsIntersect = "T********";

    public static void CheckNesting(
        IReadOnlyDictionary<string, ImportedPlace> places, double tolerance, List<ImportProblem> problems, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var pairs = places.Values
            .Where(p => p.Boundary is not null)
            .Select(p => (Child: p, Parent: p.Code.ParentCode is { } code ? places.GetValueOrDefault(code) : null))
            .Where(pair => pair.Parent?.Boundary is not null)
            .ToList();
        var prepared = new Dictionary<string, IPreparedGeometry>(StringComparer.Ordinal);
        var done = 0L;
        foreach (var (child, parent) in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!prepared.TryGetValue(parent!.Code.Value, out var container))
            {
                container = PreparedGeometryFactory.Prepare(parent.Boundary!);
                prepared.Add(parent.Code.Value, container);
            }

            if (!container.Covers(child.Boundary!))
            {
                var outside = Share(OverlayNGRobust.Overlay(child.Boundary!, parent.Boundary!, SpatialFunction.Difference).Area, child.Area);
                if (outside > tolerance)
                {
                    problems.Add(child.Problem(
                        $"{Percent(outside)} of its area lies outside its {parent.Described}: a {child.LevelName} must lie inside its {parent.LevelName} "
                        + $"(tolerance {Percent(tolerance)}). Check its code, or correct the boundaries."));
                }
            }

            progress.Tick("nesting", ++done, pairs.Count);
        }
    }

    public static void CheckOverlaps(
        IReadOnlyDictionary<string, ImportedPlace> places, double tolerance, List<ImportProblem> problems, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var placed = places.Values.Where(p => p.Boundary is not null).OrderBy(p => p.Code.Value, StringComparer.Ordinal).ToList();
        var done = 0L;
        foreach (var level in placed.GroupBy(p => p.Code.Level))
        {
            var tree = new STRtree<ImportedPlace>();
            foreach (var place in level)
            {
                tree.Insert(place.Boundary!.EnvelopeInternal, place);
            }

            tree.Build();
            foreach (var place in level)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CheckNeighbours(place, tree, tolerance, problems);
                progress.Tick("overlaps", ++done, placed.Count);
            }
        }
    }

    /// <summary>Compares a place with the neighbours of higher code, so every pair is looked at once.</summary>
    private static void CheckNeighbours(ImportedPlace place, STRtree<ImportedPlace> tree, double tolerance, List<ImportProblem> problems)
    {
        var boundary = place.Boundary!;
        RelateNG? prepared = null;
        foreach (var other in tree.Query(boundary.EnvelopeInternal))
        {
            if (string.CompareOrdinal(other.Code.Value, place.Code.Value) <= 0)
            {
                continue;
            }

            // Boxes that only touch (grids side by side) cannot hold a shared interior.
            var common = boundary.EnvelopeInternal.Intersection(other.Boundary!.EnvelopeInternal);
            if (common.Width <= 0 || common.Height <= 0)
            {
                continue;
            }

            prepared ??= RelateNG.Prepare(boundary);
            if (!prepared.Evaluate(other.Boundary, RelatePredicate.Matches(InteriorsIntersect)))
            {
                continue;
            }

            var overlap = Share(OverlayNGRobust.Overlay(boundary, other.Boundary, SpatialFunction.Intersection).Area, Math.Min(place.Area, other.Area));
            if (overlap > tolerance)
            {
                problems.Add(other.Problem(
                    $"it overlaps {place.Described}, {place.Where}, by {Percent(overlap)} of the smaller one's area: places of one level must not overlap "
                    + $"(tolerance {Percent(tolerance)}; shared edges are fine)."));
            }
        }
    }

    private static double Share(double part, double whole) => whole > 0 ? part / whole : part > 0 ? 1 : 0;

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.0#} %");
}
