using System.Globalization;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Places;

/// <summary>How many places of each level an import holds, and how many legacy 14-digit grid codes it normalised.</summary>
public sealed record PlaceImportSummary(int Districts, int Streets, int Communities, int Grids, int NormalisedLegacyCodes)
{
    public static PlaceImportSummary Of(PlaceMap map, int normalisedLegacyCodes)
    {
        ArgumentNullException.ThrowIfNull(map);
        int Count(PlaceLevel level) => map.Areas.Count(a => a.Place.Code.Length == (int)level);
        return new PlaceImportSummary(Count(PlaceLevel.District), Count(PlaceLevel.Street), Count(PlaceLevel.Community), map.UnitGrids.Count, normalisedLegacyCodes);
    }

    public override string ToString()
    {
        var counts = string.Create(
            CultureInfo.InvariantCulture,
            $"{Districts:N0} districts/counties, {Streets:N0} streets/towns, {Communities:N0} communities, {Grids:N0} unit grids");
        return NormalisedLegacyCodes == 0
            ? counts
            : counts + string.Create(
                CultureInfo.InvariantCulture,
                $"; {NormalisedLegacyCodes:N0} legacy 14-digit grid codes normalised to 15 digits (community + 0 + the 2-digit sequence)");
    }
}

/// <summary>The outcome of a place import: the map to activate, or every problem found (then there is no map).</summary>
public sealed record PlaceImportResult(PlaceMap? Map, PlaceImportSummary? Summary, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Map is not null;
}
