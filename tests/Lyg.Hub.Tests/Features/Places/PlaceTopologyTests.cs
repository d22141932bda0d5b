using Lyg.Hub.Features.Places;
using static Lyg.Hub.Tests.Features.PlaceDatasets.PlaceFeatures;

namespace Lyg.Hub.Tests.Features.PlaceDatasets;

/// <summary>Nesting (a place lies inside its parent) and overlaps (places of a level do not overlap), with the sliver tolerance.</summary>
public sealed class PlaceTopologyTests
{
    private const string WestCommunity = "320706001001";
    private const string EastCommunity = "320706001002";
    private const string EastCommunityGrid = "320706001002001";

    // 0.1 % of a grid's 0.02° width: a digitising sliver, below the default tolerance of 0.5 %.
    private const double Sliver = 0.00002;

    private static readonly PlaceImportOptions Defaults = new();

    /// <summary>Two communities side by side, each with a grid; <paramref name="westGrid"/> is the grid coded to the west one.</summary>
    private static Row[] TwoCommunities(Row westGrid) =>
    [
        new(District, "海州区", Box(West, South, East, North)),
        new(Street, "新海街道", Box(West, South, East, North)),
        new(WestCommunity, "西社区", Box(West, South, Middle, North)),
        new(EastCommunity, "东社区", Box(Middle, South, East, North)),
        westGrid,
        new(EastCommunityGrid, null, Box(119.23, South, East, North)),
    ];

    [Fact]
    public void A_grid_crossing_its_community_is_refused_with_the_share_outside()
    {
        var result = PlaceImport.Validate(Records(TwoCommunities(new Row(WestGrid, null, Box(119.21, South, 119.23, North)))), Defaults);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((5L, WestGrid), (problem.Record, problem.Code));
        Assert.StartsWith(
            "50.0 % of its area lies outside its community 320706001001 (西社区): a unit grid must lie inside its community (tolerance 0.5 %)",
            problem.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_lying_wholly_in_another_community_than_its_code_says_is_refused()
    {
        var result = PlaceImport.Validate(Records(TwoCommunities(new Row(WestGrid, null, Box(Middle, South, 119.23, North)))), Defaults);

        Assert.StartsWith("100.0 % of its area lies outside its community", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_grids_are_refused_naming_the_other_and_the_share()
    {
        var result = PlaceImport.Validate(Records(ValidRowsWith(EastGrid, new Row(EastGrid, null, Box(119.215, South, East, North)))), Defaults);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(EastGrid, problem.Code);
        Assert.StartsWith(
            $"it overlaps unit grid {WestGrid}, places.geojson record 4, by 25.0 % of the smaller one's area: places of one level must not overlap",
            problem.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_polygon_under_two_codes_is_an_overlap()
    {
        var result = PlaceImport.Validate(Records(ValidRowsWith(EastGrid, new Row(EastGrid, null, Box(West, South, Middle, North)))), Defaults);

        Assert.Contains("by 100.0 % of the smaller one's area", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlaps_are_found_at_every_level()
    {
        var rows = TwoCommunities(new Row(WestGrid, null, Box(West, South, Middle, North)))
            .Select(r => r.Code == EastCommunity ? r with { Geometry = Box(119.21, South, East, North) } : r);

        var problem = Assert.Single(PlaceImport.Validate(Records(rows), Defaults).Problems);

        Assert.Equal(EastCommunity, problem.Code);
        Assert.StartsWith($"it overlaps community {WestCommunity} (西社区)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slivers_within_the_tolerance_are_accepted_and_refused_without_one()
    {
        var rows = ValidRows()
            .Select(r => r.Code switch
            {
                WestGrid => r with { Geometry = Box(West - Sliver, South, Middle, North) },
                EastGrid => r with { Geometry = Box(Middle - Sliver, South, East, North) },
                _ => r,
            })
            .ToArray();

        var tolerated = PlaceImport.Validate(Records(rows), Defaults);
        var strict = PlaceImport.Validate(Records(rows), Defaults with { SliverTolerance = 0 });

        Assert.True(tolerated.Succeeded, string.Join(Environment.NewLine, tolerated.Problems));
        Assert.Equal(2, strict.Problems.Count);
        Assert.StartsWith("0.1 % of its area lies outside its community", strict.Problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith($"it overlaps unit grid {WestGrid}, places.geojson record 4, by 0.1 %", strict.Problems[1].Message, StringComparison.Ordinal);
    }
}
