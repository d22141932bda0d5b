using System.Globalization;
using System.Text.Json;
using Lyg.Hub.Features.Geo;
using Lyg.Hub.Features.Routing;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Routing;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Features.Geo;

/// <summary>Locate names the units whose service areas cover the point, read from the seeded registry.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class LocateResponsibleUnitsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // The centre of a grid in sample street 320706001, which the seeded street office 新海街道 serves for 01* cases.
    private static readonly UnitGrid XinhaiGrid = CaseFixtures.City.Grids.First(g => g.Street.Code == "320706001");

    private CurrentRouting _routing = null!;
    private LocatePoint _handler = null!;

    public async Task InitializeAsync()
    {
        var units = await UnitFixtures.NewStoreAsync(azurite);
        await units.SeedAsync(UnitSeed.Load().Units, CancellationToken.None);
        _routing = CaseFixtures.RoutingOver(RoutingRules.LoadDefault(), units);
        await _routing.RefreshAsync(CancellationToken.None);
        _handler = new LocatePoint(CaseFixtures.Places, _routing, new CaseRouting(_routing, Orchestrations.Codes.CodeCatalog.Default));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Without_a_category_every_unit_serving_the_point_is_named_with_its_place()
    {
        var answer = await LocateAsync(XinhaiGrid, category: null);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var unit = Assert.Single(answer.Body.GetProperty("responsibleUnits").EnumerateArray());
        Assert.Equal(
            ("S320706-XINHAI", "海州区新海街道", "streetOffice", "320706001", "01*"),
            (unit.GetProperty("code").GetString(), unit.GetProperty("name").GetString(), unit.GetProperty("kind").GetString(),
                unit.GetProperty("place").GetString(), unit.GetProperty("categories")[0].GetString()));
        Assert.False(answer.Body.TryGetProperty("suggestion", out _));
    }

    [Fact]
    public async Task With_a_category_only_units_answering_for_it_are_named_and_routing_suggests_one()
    {
        var covered = await LocateAsync(XinhaiGrid, "0101");
        var uncovered = await LocateAsync(XinhaiGrid, "0201");

        Assert.Equal(["S320706-XINHAI"], covered.Body.GetProperty("responsibleUnits").EnumerateArray().Select(u => u.GetProperty("code").GetString()));
        Assert.Equal("ENT-WATER", covered.Body.GetProperty("suggestion").GetProperty("unit").GetString());
        Assert.Empty(uncovered.Body.GetProperty("responsibleUnits").EnumerateArray());
        Assert.Equal(JsonValueKind.Object, uncovered.Body.GetProperty("suggestion").ValueKind);
    }

    [Theory]
    [InlineData("320706002", "S320706-XINGFULU")]
    [InlineData("320707001", null)]
    public async Task A_point_in_another_street_names_only_that_streets_office(string street, string? office)
    {
        var elsewhere = CaseFixtures.City.Grids.First(g => g.Street.Code == street);

        var answer = await LocateAsync(elsewhere, category: null);

        Assert.Equal(
            office is null ? [] : [office],
            answer.Body.GetProperty("responsibleUnits").EnumerateArray().Select(u => u.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task An_unknown_category_answers_400()
    {
        var answer = await LocateAsync(XinhaiGrid, "0199");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["category"], answer.ErrorFields);
    }

    private async Task<ExecutedResult> LocateAsync(UnitGrid grid, string? category)
    {
        var centre = grid.Boundary.Centroid;
        var http = new DefaultHttpContext();
        var categoryParameter = category is null ? "" : "&category=" + category;
        http.Request.QueryString = new QueryString(string.Create(
            CultureInfo.InvariantCulture, $"?lat={centre.Y:R}&lon={centre.X:R}&crs=wgs84{categoryParameter}"));
        return await ResultRunner.ExecuteAsync(_handler.Handle(http), http);
    }
}
