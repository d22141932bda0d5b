using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Components;

/// <summary>
/// Turns the records of a component file into components, collecting every problem of every record: the id parses;
/// its type code is a component type of its scheme; its division is a district of the place map and the district of
/// the grid its point lies in; the point lies in a grid (the BGID one when given, within the edge tolerance); unit
/// codes are in the registry; dates and states are readable; no id appears twice. A record with any problem yields no
/// component.
/// </summary>
public sealed class ComponentValidator
{
    public const int MaxNameLength = 200;
    public const int MaxNoteLength = 2000;
    public const string Phase = "validate";

    // A double holds every whole number only up to 2^53, so 17-digit ids kept in a floating-point field lose digits.
    private const double LargestExactInteger = 9_007_199_254_740_992d;

    private readonly PlaceMap _places;
    private readonly CodeCatalog _catalog;
    private readonly IReadOnlyDictionary<string, UnitView> _units;
    private readonly ComponentImportOptions _options;

    /// <param name="units">The unit registry by code, loaded once per import.</param>
    public ComponentValidator(PlaceMap places, CodeCatalog catalog, IReadOnlyDictionary<string, UnitView> units, ComponentImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EdgeToleranceMetres);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.EdgeToleranceMetres, ComponentImportOptions.MaxEdgeToleranceMetres);
        _places = places;
        _catalog = catalog;
        _units = units;
        _options = options;
    }

    /// <summary>
    /// The components of the records without problems, streamed as the records are read; every problem found is added
    /// to <paramref name="problems"/>. Only the ids seen are kept, so a file of 10^6 components is never held whole.
    /// </summary>
    public IEnumerable<ComponentView> ValidComponents(IEnumerable<SourceFeature> features, List<ImportProblem> problems, IProgress<ImportProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(problems);
        return Stream(features, problems, progress);
    }

    private IEnumerable<ComponentView> Stream(IEnumerable<SourceFeature> features, List<ImportProblem> problems, IProgress<ImportProgress>? progress)
    {
        long? total = features.TryGetNonEnumeratedCount(out var count) ? count : null;
        var firstRecordOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        long done = 0;
        foreach (var feature in features)
        {
            var record = new RecordCheck(feature, problems);
            var component = Check(record, firstRecordOfId);
            progress.Tick(Phase, ++done, total);
            if (component is not null)
            {
                yield return component;
            }
        }

        if (done != total)
        {
            progress?.Report(new ImportProgress(Phase, done, done));
        }
    }

    private ComponentView? Check(RecordCheck record, Dictionary<string, long> firstRecordOfId)
    {
        var id = CheckId(record, firstRecordOfId);
        var point = CheckPoint(record);
        var grid = point is { } p ? CheckGrid(record, p) : null;
        if (id is not null && grid is not null && id.Division != grid.District.Code && _places.Find(id.Division) is { } division)
        {
            record.Problem(
                $"the id's division {id.Division} ({division.Name}) is not the district of its grid {grid.Grid} " +
                $"({grid.District.Code} {grid.District.Name}); correct the id or the location");
        }

        var units = ComponentFields.Units.Select(fields => CheckUnit(record, fields)).ToList();
        var state = CheckState(record);
        var recordedOn = CheckDate(record, ComponentFields.RecordedOn);
        var changedOn = CheckDate(record, ComponentFields.ChangedOn);
        var name = CheckText(record, ComponentFields.Name, MaxNameLength) ?? TypeName(id);
        var source = CheckText(record, ComponentFields.Source, MaxNameLength);
        var note = CheckText(record, ComponentFields.Note, MaxNoteLength);

        // Without a name of its own a component takes its type's; a record lacking both has a bad id, already reported.
        return !record.IsClean || id is null || point is not { } wgs84 || grid is null || name is null
            ? null
            : new ComponentView(
                id.Value, name, id.Scheme, id.TypeCode, units[0], units[1], units[2], grid.Grid, state,
                new GeoLocation(wgs84.Lat, wgs84.Lon, CoordinateSystem.Wgs84), recordedOn, changedOn, source, note);
    }

    private ComponentId? CheckId(RecordCheck record, Dictionary<string, long> firstRecordOfId)
    {
        if (record.Feature.Attributes.GetValueOrDefault(ComponentFields.Id) is double number && Math.Abs(number) > LargestExactInteger)
        {
            record.Problem(
                $"{ComponentFields.Id} is kept in a floating-point number field, which cannot hold a 17-digit id exactly; " +
                "store ids as text (a character field of width 17) and export the file again");
            return null;
        }

        if (record.Feature.CodeText(ComponentFields.Id) is not { } text)
        {
            record.Problem($"{ComponentFields.Id} is missing; every component needs its id. {ComponentFields.IdShapeError}");
            return null;
        }

        record.Code = text;
        if (!firstRecordOfId.TryAdd(text, record.Feature.Record))
        {
            record.Problem($"the id is also on record {firstRecordOfId[text]}; each component appears once per file");
        }

        if (!ComponentId.TryParse(text, out var id))
        {
            record.Problem($"'{text}' is not a component id. {ComponentFields.IdShapeError}");
            return null;
        }

        if (!id.IsKnownIn(_catalog))
        {
            record.Problem(
                $"type code {id.TypeCode} (digits 7–{6 + id.TypeCode.Length} of the id) is not a {id.Scheme} component type; " +
                $"GET v1/codes?scheme={id.Scheme}&kind=component lists them");
        }

        if (_places.Find(id.Division) is null)
        {
            record.Problem($"division {id.Division} (the id's first 6 digits) is not a district or county of the place map ({_places.Label})");
        }

        return id;
    }

    private GeoPoint? CheckPoint(RecordCheck record)
    {
        var (point, problem) = FeaturePoints.Read(record.Feature, _options.Crs, "a component");
        if (problem is not null)
        {
            record.Problem(problem);
        }

        return point;
    }

    private GridLocation? CheckGrid(RecordCheck record, GeoPoint point)
    {
        var given = record.Feature.Text(ComponentFields.Grid);
        var grids = _places.Grids;
        var located = grids.Locate(point.Lat, point.Lon);
        if (given is null || given == located?.Grid)
        {
            if (located is null)
            {
                record.Problem(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the point ({point.Lat:F6}, {point.Lon:F6} in WGS84) lies in no unit grid: outside the city, in a gap between grids, or not in {JsonCrs()} as the import assumed"));
                return null;
            }

            return located;
        }

        // Survey points digitised on a grid's edge land a hair outside it: the named grid wins within the tolerance.
        if (grids.Near(point.Lat, point.Lon, _options.EdgeToleranceMetres).FirstOrDefault(n => n.Grid.Code == given) is { } named)
        {
            return new GridLocation(named.Grid.Code, named.Grid.Community, named.Grid.Street, named.Grid.District);
        }

        record.Problem(_places.Find(given) is null
            ? $"{ComponentFields.Grid} {given} is not a unit grid of the place map ({_places.Label})"
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{ComponentFields.Grid} is {given} but the point ({point.Lat:F6}, {point.Lon:F6} in WGS84) lies {(located is null ? "in no grid" : $"in grid {located.Grid}")}, more than {_options.EdgeToleranceMetres} m from {given}; correct BGID or the location"));
        return null;
    }

    private ComponentUnit? CheckUnit(RecordCheck record, UnitFields fields)
    {
        var code = record.Feature.Text(fields.Code);
        var name = CheckText(record, fields.Name, MaxNameLength);
        if (code is null)
        {
            return name is null ? null : new ComponentUnit(null, name);
        }

        if (!_units.TryGetValue(code, out var unit))
        {
            record.Problem($"{fields.Code} {code} is not a unit of the registry; correct the code or add the unit first (PUT v1/units/{code})");
            return null;
        }

        return new ComponentUnit(code, name ?? unit.Name);
    }

    private static ComponentState CheckState(RecordCheck record)
    {
        if (record.Feature.Text(ComponentFields.State) is not { } text)
        {
            return ComponentState.Intact;
        }

        if (!ComponentFields.TryParseState(text, out var state))
        {
            record.Problem($"{ComponentFields.State} '{text}' is not one of {ComponentFields.StateChoices}");
        }

        return state;
    }

    private static DateOnly? CheckDate(RecordCheck record, string field)
    {
        if (!ComponentFields.TryReadDate(record.Feature, field, out var date))
        {
            record.Problem($"{field} '{record.Feature.Text(field)}' is not a date; write {ComponentFields.DateFormats}");
        }

        return date;
    }

    private static string? CheckText(RecordCheck record, string field, int maxLength)
    {
        var text = record.Feature.Text(field);
        if (text is { Length: var length } && length > maxLength)
        {
            record.Problem($"{field} has {length} characters; at most {maxLength} are kept");
            return null;
        }

        return text;
    }

    private string? TypeName(ComponentId? id) =>
        id is null ? null : _catalog.Find(id.Scheme, CodeKind.Component, id.TypeCode) is [var entry, ..] ? entry.Name : null;

    private string JsonCrs() => WireNames.Of(_options.Crs)!;

    /// <summary>The problems of one record, each tagged with its position and, once read, its id.</summary>
    private sealed class RecordCheck(SourceFeature feature, List<ImportProblem> problems)
    {
        private readonly int _problemsBefore = problems.Count;

        public SourceFeature Feature { get; } = feature;

        public string? Code { get; set; }

        public bool IsClean => problems.Count == _problemsBefore;

        public void Problem(string message) => problems.Add(ImportProblem.About(Feature, Code, message));
    }
}
