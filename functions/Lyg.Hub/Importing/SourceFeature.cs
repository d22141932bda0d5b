using System.Globalization;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Importing;

/// <summary>
/// One record of an import file as read, before any validation: its 1-based position, its geometry (null when the
/// record has none) and its attributes by field name, compared case-insensitively because Shapefile tools upper-case
/// field names.
/// </summary>
public sealed record SourceFeature(long Record, Geometry? Geometry, IReadOnlyDictionary<string, object?> Attributes)
{
    // Beyond 2^53 a double no longer holds every integer, so a long code stored in a number field has lost digits.
    private const double LargestExactInteger = 9_007_199_254_740_992d;

    /// <summary>The file the record came from (its name), so problems of an import of several files say where.</summary>
    public string? Source { get; init; }

    /// <summary>Why the record's geometry could not be built from the file (an unclosed ring, a bad coordinate), if so.</summary>
    public string? GeometryError { get; init; }

    /// <summary>The attribute as trimmed text, or null when absent or blank.</summary>
    public string? Text(string field) =>
        Attributes.TryGetValue(field, out var value) && Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } text
            ? text
            : null;

    /// <summary>
    /// The attribute as the text of a numeric code. Shapefiles often store codes in number fields: whole numbers are
    /// written out digit by digit, and a double too large to be exact keeps its exponent form, so a digit check rejects
    /// it instead of guessing digits.
    /// </summary>
    public string? CodeText(string field) => Attributes.TryGetValue(field, out var value) ? value switch
    {
        long or int or short or ulong or uint or ushort => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        decimal number when number == decimal.Truncate(number) => number.ToString("0", CultureInfo.InvariantCulture),
        double number when double.IsInteger(number) && Math.Abs(number) <= LargestExactInteger => number.ToString("0", CultureInfo.InvariantCulture),
        _ => Text(field),
    } : null;
}
