using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Features.Components.ComponentFixtures;

namespace Lyg.Hub.Tests.Features.Components;

[Collection(AzuriteDefinition.Name)]
public sealed class FindNearestComponentsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly GeoPoint Centre = CaseFixtures.CentreOf(Haizhou);

    private ComponentStore _store = null!;
    private FindNearestComponents _handler = null!;

    public async Task InitializeAsync()
    {
        _store = await NewStoreAsync(azurite);
        _handler = new FindNearestComponents(_store, CaseFixtures.Places, CodeCatalog.Default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Components_come_nearest_first_then_by_id()
    {
        await WriteAsync(
            Component(Id(1), Haizhou, Offset(Centre, north: -30)),
            Component(Id(2), Haizhou, Offset(Centre, east: -10)),
            Component(Id(3), Haizhou, Offset(Centre, east: 10)),
            Component(Id(4), Haizhou, Offset(Centre, north: 5)));

        var answer = await NearestAsync(Centre);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var items = answer.Body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([Id(4), Id(2), Id(3), Id(1)], items.Select(i => i.GetProperty("component").GetProperty("id").GetString()));
        Assert.Equal([5.0, 10.0, 10.0, 30.0], items.Select(i => Math.Round(i.GetProperty("distanceMetres").GetDouble())));
        Assert.Equal(50, answer.Body.GetProperty("radiusMetres").GetDouble());
        Assert.Equal("wgs84", answer.Body.GetProperty("point").GetProperty("crs").GetString());
    }

    [Fact]
    public async Task The_radius_bounds_the_answer()
    {
        await WriteAsync(
            Component(Id(1), Haizhou, Offset(Centre, east: 49.9)),
            Component(Id(2), Haizhou, Offset(Centre, north: 50.1)),
            Component(Id(3), Haizhou, Offset(Centre, east: -19.9)));

        Assert.Equal([Id(3), Id(1)], await IdsNearAsync(Centre));
        Assert.Equal([Id(3)], await IdsNearAsync(Centre, "&radius=20"));
        Assert.Equal([Id(3), Id(1), Id(2)], await IdsNearAsync(Centre, "&radius=50.2"));
    }

    [Fact]
    public async Task Components_of_a_neighbouring_grid_within_the_radius_are_found()
    {
        var edge = EastEdgeOf(Haizhou);
        await WriteAsync(
            Component(Id(1), HaizhouEast, Offset(edge, east: 10)),
            Component(Id(2), HaizhouEast, Offset(edge, east: 60)));

        Assert.Equal([Id(1)], await IdsNearAsync(Offset(edge, east: -10)));
    }

    [Fact]
    public async Task A_type_narrows_the_answer_to_components_of_that_type()
    {
        await WriteAsync(
            Component(Id(1), Haizhou, Offset(Centre, east: 1)),
            Component(Id(2, "0102"), Haizhou, Offset(Centre, east: 2)),
            Component(Id(3, "01001"), Haizhou, Offset(Centre, east: 3)),
            Component(Id(4, "0102"), HaizhouEast, Offset(EastEdgeOf(Haizhou), east: 5)));

        Assert.Equal([Id(2, "0102")], await IdsNearAsync(Centre, "&type=0102"));
        Assert.Equal([Id(3, "01001")], await IdsNearAsync(Centre, "&type=01001"));
        Assert.Equal([Id(4, "0102"), Id(2, "0102")], await IdsNearAsync(Offset(EastEdgeOf(Haizhou), east: -5), "&type=0102&radius=100"));
    }

    [Fact]
    public async Task The_limit_caps_the_answer_at_five_by_default()
    {
        await WriteAsync([.. Enumerable.Range(1, 7).Select(i => Component(Id(i), Haizhou, Offset(Centre, east: i)))]);

        Assert.Equal([.. Enumerable.Range(1, 5).Select(i => Id(i))], await IdsNearAsync(Centre));
        Assert.Equal([Id(1), Id(2)], await IdsNearAsync(Centre, "&limit=2"));
    }

    [Fact]
    public async Task Components_of_a_nearby_grid_outside_the_radius_box_are_not_read()
    {
        var tables = new RecordingTables(azurite.ConnectionString);
        var store = await NewStoreAsync(azurite, tables);
        var far = Enumerable.Range(1, 40).Select(i => Component(Id(i), Haizhou, Offset(Centre, east: i % 2 == 0 ? 30 + i / 4.0 : -30 - i / 4.0, north: i % 3 - 1)));
        await store.WriteAsync([.. far, Component(Id(41), Haizhou, Offset(Centre, east: 4)), Component(Id(42), Haizhou, Offset(Centre, north: -9))], null, CancellationToken.None);
        var before = tables.RowsRead;

        var found = await new FindNearestComponents(store, CaseFixtures.Places, CodeCatalog.Default).FindAsync(Centre, 10, null, 5, CancellationToken.None);

        Assert.Equal([Id(41), Id(42)], found!.Select(n => n.Component.Id));
        Assert.Equal(2, tables.RowsRead - before);
    }

    [Fact]
    public async Task A_point_in_the_city_with_nothing_near_answers_an_empty_list()
    {
        await WriteAsync(Component(Id(1), Haizhou, Offset(Centre, east: 45)));

        var answer = await NearestAsync(Offset(Centre, east: -40), "&radius=10");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Empty(answer.Body.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_point_in_a_gap_between_grids_still_finds_the_components_around_it()
    {
        var hole = City.Holes.First(h => City.Districts.Single(d => d.Place.Code == "320706").Extent.Contains(h));
        var gap = new GeoPoint(hole.Centre.Y, hole.Centre.X);
        var beside = CaseFixtures.Places.Map.Grids.Near(gap.Lat, gap.Lon, 60)[0].Grid;
        await WriteAsync(Component(Id(1), beside));

        Assert.Equal([Id(1)], await IdsNearAsync(gap, "&radius=150"));
    }

    [Theory]
    [InlineData(31.2304, 121.4737)]
    [InlineData(35.5, 119.2)]
    public async Task A_point_outside_the_city_answers_422(double lat, double lon)
    {
        var answer = await NearestAsync(new GeoPoint(lat, lon));

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/outside-grids", answer.ProblemType);
        Assert.Contains("m from every grid", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_point_in_another_system_is_converted_before_the_search()
    {
        await WriteAsync(Component(Id(1), Haizhou, Offset(Centre, east: 3)));
        var sent = CoordinateConversion.FromWgs84(Centre, CoordinateSystem.Gcj02);

        var answer = await ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"?lat={sent.Lat:R}&lon={sent.Lon:R}&crs=gcj02"));

        var item = Assert.Single(answer.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(3, item.GetProperty("distanceMetres").GetDouble(), 1);
        Assert.True(Centre.DistanceTo(new GeoPoint(answer.Body.GetProperty("point").GetProperty("lat").GetDouble(), answer.Body.GetProperty("point").GetProperty("lon").GetDouble())) < 0.5);
    }

    [Theory]
    [InlineData("", "crs,lat,lon")]
    [InlineData("lat=34.6&lon=119.2", "crs")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&radius=501", "radius")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&radius=-1", "radius")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&limit=0", "limit")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&limit=51", "limit")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&limit=2.5", "limit")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&type=0199", "type")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&type=0501", "type")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&type=06001", "type")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&type=01a1", "type")]
    [InlineData("lat=34.6&lon=119.2&crs=wgs84&type=010011", "type")]
    [InlineData("lat=95&lon=119.2&crs=wgs84&limit=x&type=9", "lat,limit,type")]
    public async Task Bad_or_missing_parameters_answer_400_naming_each(string query, string fields)
    {
        var answer = await ExecuteAsync(query.Length == 0 ? "" : "?" + query);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal(fields.Split(','), answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_event_code_as_type_is_refused_with_where_to_find_component_types()
    {
        var answer = await ExecuteAsync("?lat=34.6&lon=119.2&crs=wgs84&type=0501");

        Assert.Equal(
            "0501 is not a component type of scheme gb2013; GET /api/v1/codes?scheme=gb2013&kind=component lists them.",
            answer.Body.GetProperty("errors").GetProperty("type")[0].GetString());
    }

    private async Task WriteAsync(params ComponentView[] components) => await _store.WriteAsync(components, null, CancellationToken.None);

    private async Task<IReadOnlyList<string?>> IdsNearAsync(GeoPoint point, string extra = "")
    {
        var answer = await NearestAsync(point, extra);
        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        return [.. answer.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("component").GetProperty("id").GetString())];
    }

    private Task<ExecutedResult> NearestAsync(GeoPoint point, string extra = "") =>
        ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"?lat={point.Lat:R}&lon={point.Lon:R}&crs=wgs84{extra}"));

    private async Task<ExecutedResult> ExecuteAsync(string queryString)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(queryString);
        return await ResultRunner.ExecuteAsync(await _handler.HandleAsync(http), http);
    }
}
