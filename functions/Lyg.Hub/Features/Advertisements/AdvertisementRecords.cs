using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Importing;

namespace Lyg.Hub.Features.Advertisements;

/// <summary>
/// The records of an advertisement file (the import tool's <c>advertisements</c>): one point each, with <c>AdID</c>,
/// <c>Kind</c> (billboard, signboard, lightbox, …), <c>Owner</c>, <c>PermitNo</c> and the permit's first and last valid
/// days <c>PermitFrom</c> and <c>PermitUntil</c> (yyyy-MM-dd, China Standard Time). Every problem of every record is
/// listed; the file is written only when there is none. Importing a renewed permit is how a renewal reaches the hub.
/// </summary>
public static class AdvertisementRecords
{
    public const int MaxTextLength = 100;

    public static IReadOnlyList<Advertisement> Read(IEnumerable<SourceFeature> features, CoordinateSystem crs, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(problems);
        var advertisements = new List<Advertisement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            var id = feature.Text("AdID");
            var before = problems.Count;
            void Problem(string message) => problems.Add(ImportProblem.About(feature, id, message));
            if (!AdvertisementStore.IsWellFormedId(id))
            {
                Problem("AdID: " + AdvertisementStore.IdShapeError);
            }
            else if (!seen.Add(id!))
            {
                Problem("AdID: this advertisement is in the file twice.");
            }

            var kind = feature.Text("Kind");
            if (!AdvertisementStore.IsWellFormedKind(kind))
            {
                Problem("Kind: " + AdvertisementStore.KindShapeError);
            }

            var owner = feature.Text("Owner");
            if (owner is not { Length: <= MaxTextLength })
            {
                Problem($"Owner: 1 to {MaxTextLength} characters.");
            }

            var permit = feature.Text("PermitNo");
            if (permit is not { Length: <= 64 })
            {
                Problem("PermitNo: 1 to 64 characters.");
            }

            var from = Day(feature, "PermitFrom", Problem);
            var until = Day(feature, "PermitUntil", Problem);
            if (from > until)
            {
                Problem("PermitUntil: the permit ends before it begins.");
            }

            var (point, pointProblem) = FeaturePoints.Read(feature, crs, "an advertisement");
            if (pointProblem is not null)
            {
                Problem(pointProblem);
            }

            if (problems.Count == before)
            {
                advertisements.Add(new Advertisement(id!, kind!, owner!, point!.Value, null, permit!, from!.Value, until!.Value));
            }
        }

        return advertisements;
    }

    private static DateOnly? Day(SourceFeature feature, string field, Action<string> problem)
    {
        if (DateOnly.TryParseExact(feature.Text(field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problem($"{field}: a date, yyyy-MM-dd.");
        return null;
    }
}
