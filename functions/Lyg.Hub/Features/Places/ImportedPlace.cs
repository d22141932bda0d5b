using Lyg.Hub.Importing;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Features.Places;

/// <summary>
/// One record of a place import after its own checks: its code (as written and as normalised), its name, and its
/// WGS84 boundary — null when the boundary failed its checks, so the checks between places skip it.
/// </summary>
internal sealed class ImportedPlace(SourceFeature feature, string codeText, PlaceCode code, string? name, Geometry? boundary)
{
    public SourceFeature Feature { get; } = feature;

    public PlaceCode Code { get; } = code;

    public string? Name { get; } = name;

    public Geometry? Boundary { get; } = boundary;

    public double Area { get; } = boundary?.Area ?? 0;

    public string LevelName => PlaceCode.Name(Code.Level);

    /// <summary>Where the record is, for messages that point at another record.</summary>
    public string Where => Feature.Source is null ? $"record {Feature.Record}" : $"{Feature.Source} record {Feature.Record}";

    /// <summary>The place as a message names it: level, code and name.</summary>
    public string Described => Name is null ? $"{LevelName} {Code.Value}" : $"{LevelName} {Code.Value} ({Name})";

    public ImportProblem Problem(string message) => ImportProblem.About(Feature, codeText, message);
}
