using Lyg.Contracts;

namespace Lyg.Hub.Features.Places;

/// <summary>
/// How to read and check a place import: which attributes hold code and name (matched whatever their case), the
/// coordinate system of the boundaries, the city whose divisions may be imported, and the sliver tolerance — the share
/// of a place's area that may lie outside its parent, or inside a sibling, before it counts as a problem (digitised
/// neighbours rarely share their edges exactly).
/// </summary>
public sealed record PlaceImportOptions
{
    public const string DefaultCodeField = "code";
    public const string DefaultNameField = "name";
    public const string DefaultCityCode = "320700";
    public const double DefaultSliverTolerance = 0.005;

    public string CodeField { get; init; } = DefaultCodeField;

    public string NameField { get; init; } = DefaultNameField;

    /// <summary>The system the files' coordinates are in; every coordinate is converted to WGS84 on import.</summary>
    public CoordinateSystem Crs { get; init; } = CoordinateSystem.Wgs84;

    /// <summary>The 6-digit code of the city (GB/T 2260, ending in 00); districts must begin with its first four digits.</summary>
    public string CityCode { get; init; } = DefaultCityCode;

    /// <summary>A share of area between 0 and 1; the default 0.5 % absorbs digitising slivers, not misplaced places.</summary>
    public double SliverTolerance { get; init; } = DefaultSliverTolerance;

    /// <summary>What the dataset is called on the health endpoint and in logs; the files' names when not given.</summary>
    public string? Label { get; init; }

    /// <summary>Why these options cannot drive an import, or null when they can.</summary>
    public string? Problem() =>
        CityCode.Length != 6 || !CityCode.All(char.IsAsciiDigit) || !CityCode.EndsWith("00", StringComparison.Ordinal)
            ? $"the city code '{CityCode}' must be a 6-digit prefecture code ending in 00, such as {DefaultCityCode}."
            : SliverTolerance is < 0 or >= 1 || double.IsNaN(SliverTolerance)
                ? "the sliver tolerance must be a share of area from 0 up to (not including) 1, such as 0.005 for 0.5 %."
                : string.IsNullOrWhiteSpace(CodeField) || string.IsNullOrWhiteSpace(NameField)
                    ? "the code and name field names must not be empty."
                    : null;
}
