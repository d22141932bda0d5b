using Lyg.Hub.Importing;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Features.Places;

/// <summary>
/// Builds a place map from the records of one or more files: districts and counties (6-digit codes), streets and towns
/// (9), communities (12) and unit grids (15, legacy 14 normalised), each with its boundary. Every record is checked —
/// code, name, boundary — then every place against the others: its parent is in the import, it lies inside that
/// parent, and it does not overlap places of its level. Either the whole map comes back, or every problem found and
/// no map, so nothing half-checked is ever written.
/// </summary>
public static class PlaceImport
{
    public static PlaceImportResult Validate(
        IEnumerable<SourceFeature> features, PlaceImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        // Reading happens here, with the files' own progress.
        var records = features.ToList();
        var problems = new List<ImportProblem>();
        var places = new Dictionary<string, ImportedPlace>(StringComparer.Ordinal);
        var done = 0L;
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CheckRecord(record, options, places, problems);
            progress.Tick("validate", ++done, records.Count);
        }

        if (records.Count == 0)
        {
            problems.Add(new ImportProblem(0, null, "the files hold no records: there is nothing to import."));
        }
        else if (problems.Count == 0 && !places.Values.Any(p => p.Code.Level == PlaceLevel.Grid))
        {
            // Only when every record is sound: records with unreadable codes may well be the grids.
            problems.Add(new ImportProblem(0, null, "the import holds no unit grids (15-digit codes, or legacy 14-digit ones): a place map without grids cannot place any point."));
        }

        CheckParents(places, problems);
        PlaceTopology.CheckNesting(places, options.SliverTolerance, problems, progress, cancellationToken);
        PlaceTopology.CheckOverlaps(places, options.SliverTolerance, problems, progress, cancellationToken);
        if (problems.Count > 0)
        {
            return new PlaceImportResult(null, null, InFileOrder(problems, records));
        }

        var label = options.Label ?? string.Join(", ", records.Select(r => r.Source).OfType<string>().Distinct(StringComparer.Ordinal));
        var map = ToMap(label, places.Values);
        return new PlaceImportResult(map, PlaceImportSummary.Of(map, places.Values.Count(p => p.Code.IsNormalisedLegacy)), []);
    }

    private static void CheckRecord(SourceFeature feature, PlaceImportOptions options, Dictionary<string, ImportedPlace> places, List<ImportProblem> problems)
    {
        var codeText = feature.CodeText(options.CodeField);
        PlaceCode? code = null;
        if (codeText is null)
        {
            problems.Add(ImportProblem.About(feature, null, feature.Attributes.ContainsKey(options.CodeField)
                ? $"its field '{options.CodeField}' is empty: every place needs its code."
                : $"it has no field '{options.CodeField}' (its fields: {string.Join(", ", feature.Attributes.Keys)}); name the field that holds the codes (--code-field)."));
        }
        else if (PlaceCode.TryParse(codeText, options.CityCode, out var parsed, out var codeProblem))
        {
            code = parsed;
        }
        else
        {
            problems.Add(ImportProblem.About(feature, codeText, codeProblem!));
        }

        var name = feature.Text(options.NameField);
        if (name is null && code is { Level: not PlaceLevel.Grid } named)
        {
            problems.Add(ImportProblem.About(feature, codeText,
                $"it has no name in field '{options.NameField}': a {PlaceCode.Name(named.Level)} needs its name (only unit grids may be unnamed; --name-field names the field)."));
        }

        var boundary = PlaceBoundaries.Check(feature.Geometry, feature.GeometryError, code?.Level, options.Crs, out var boundaryProblem);
        if (boundaryProblem is not null)
        {
            problems.Add(ImportProblem.About(feature, codeText, boundaryProblem));
        }

        if (code is not { } placeCode)
        {
            return;
        }

        var place = new ImportedPlace(feature, codeText!, placeCode, name, boundary);
        if (!places.TryAdd(placeCode.Value, place))
        {
            var first = places[placeCode.Value];
            problems.Add(place.Problem(placeCode.IsNormalisedLegacy || first.Code.IsNormalisedLegacy
                ? $"the grid code normalises to {placeCode.Value} (legacy 14-digit codes gain a 0 before their 2-digit sequence), which {first.Where} has already: each place must appear once."
                : $"the code {placeCode.Value} appears again; {first.Where} has it already: each place must appear once."));
        }
    }

    private static void CheckParents(Dictionary<string, ImportedPlace> places, List<ImportProblem> problems)
    {
        foreach (var place in places.Values)
        {
            if (place.Code.ParentCode is { } parent && !places.ContainsKey(parent))
            {
                var parentLevel = PlaceCode.Name(place.Code.ParentLevel!.Value);
                problems.Add(place.Problem($"its {parentLevel} {parent} is not in the import: import every {parentLevel} together with the places below it."));
            }
        }
    }

    /// <summary>Problems of the import as a whole first, then by file and record, as an administrator reads the files.</summary>
    private static List<ImportProblem> InFileOrder(List<ImportProblem> problems, List<SourceFeature> records)
    {
        var fileOrder = records.Select(r => r.Source ?? "").Distinct(StringComparer.Ordinal).Select((source, index) => (source, index))
            .ToDictionary(f => f.source, f => f.index, StringComparer.Ordinal);
        return [.. problems.OrderBy(p => p.Record == 0 ? -1 : fileOrder.GetValueOrDefault(p.Source ?? "")).ThenBy(p => p.Record)];
    }

    private static PlaceMap ToMap(string label, IEnumerable<ImportedPlace> places)
    {
        var areas = new List<PlaceArea>();
        var grids = new List<ImportedPlace>();
        foreach (var place in places)
        {
            if (place.Code.Level == PlaceLevel.Grid)
            {
                grids.Add(place);
            }
            else
            {
                areas.Add(new PlaceArea(new Place(place.Code.Value, place.Name!), place.Boundary!));
            }
        }

        var byCode = areas.ToDictionary(a => a.Place.Code, a => a.Place, StringComparer.Ordinal);
        return new PlaceMap(
            label,
            areas,
            [.. grids.Select(g => new UnitGrid(
                g.Code.Value,
                (Polygon)g.Boundary!,
                byCode[g.Code.Value[..(int)PlaceLevel.Community]],
                byCode[g.Code.Value[..(int)PlaceLevel.Street]],
                byCode[g.Code.Value[..(int)PlaceLevel.District]],
                g.Name))]);
    }
}
