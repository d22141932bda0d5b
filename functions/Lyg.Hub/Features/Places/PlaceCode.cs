using System.Globalization;

namespace Lyg.Hub.Features.Places;

/// <summary>The levels of the place hierarchy below the city; each value is the length of its codes.</summary>
public enum PlaceLevel
{
    District = 6,
    Street = 9,
    Community = 12,
    Grid = 15,
}

/// <summary>
/// A place code as an import reads it: 6 digits for a district or county (GB/T 2260), 3 more for a street or town, 3
/// more for a community, and 3 more for a unit grid. A legacy 14-digit grid code (a 2-digit grid sequence) is taken
/// and normalised to 15 digits by padding the sequence to three: community + '0' + the last two digits.
/// </summary>
public readonly record struct PlaceCode(string Value, PlaceLevel Level, bool IsNormalisedLegacy)
{
    public const int LegacyGridLength = 14;

    /// <summary>What the codes of each length are, for messages.</summary>
    public const string Lengths = "6 digits (district/county), 9 (street/town), 12 (community) or 15 (unit grid; legacy 14-digit grid codes are accepted)";

    /// <summary>The code of the place this one nests in, or null for a district (its parent is the city).</summary>
    public string? ParentCode => Level == PlaceLevel.District ? null : Value[..((int)Level - 3)];

    public PlaceLevel? ParentLevel => Level == PlaceLevel.District ? null : (PlaceLevel)((int)Level - 3);

    /// <summary>The code read from <paramref name="text"/>, or the reason it is not a place code of the city.</summary>
    public static bool TryParse(string text, string cityCode, out PlaceCode code, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cityCode);
        code = default;
        problem = null;
        if (!text.All(char.IsAsciiDigit))
        {
            problem = $"the code '{text}' must be digits only: {Lengths}.";
            return false;
        }

        var value = text.Length == LegacyGridLength ? text[..12] + "0" + text[12..] : text;
        if (value.Length is not ((int)PlaceLevel.District or (int)PlaceLevel.Street or (int)PlaceLevel.Community or (int)PlaceLevel.Grid))
        {
            problem = $"the code has {text.Length.ToString(CultureInfo.InvariantCulture)} digits; a place code has {Lengths}.";
            return false;
        }

        var cityPrefix = cityCode[..4];
        if (value == cityCode)
        {
            problem = $"{value} is the code of the city itself; an import holds its districts and counties and the places below them.";
            return false;
        }

        if (!value.StartsWith(cityPrefix, StringComparison.Ordinal))
        {
            problem = $"{value[..6]} is not a district or county of the city {cityCode}: their codes begin with {cityPrefix} (the city is set by --city).";
            return false;
        }

        code = new PlaceCode(value, (PlaceLevel)value.Length, text.Length == LegacyGridLength);
        return true;
    }

    /// <summary>The level's name in messages: district/county, street/town, community, unit grid.</summary>
    public static string Name(PlaceLevel level) => level switch
    {
        PlaceLevel.District => "district/county",
        PlaceLevel.Street => "street/town",
        PlaceLevel.Community => "community",
        _ => "unit grid",
    };

    public override string ToString() => Value;
}
