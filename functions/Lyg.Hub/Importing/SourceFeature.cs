using NetTopologySuite.Geometries;

namespace Lyg.Hub.Importing;

/// <summary>
/// One record of an import file as read, before any validation: its 1-based position, its geometry (null when the
/// record has none) and its attributes by field name, compared case-insensitively because Shapefile tools upper-case
/// field names.
/// </summary>
public sealed record SourceFeature(long Record, Geometry? Geometry, IReadOnlyDictionary<string, object?> Attributes)
{
    /// <summary>The attribute as trimmed text, or null when absent or blank.</summary>
    public string? Text(string field) =>
        Attributes.TryGetValue(field, out var value) && Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } text
            ? text
            : null;
}
