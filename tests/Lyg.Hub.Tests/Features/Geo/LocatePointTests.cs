using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Features.Geo;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Geo;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Features.Geo;

public sealed class LocatePointTests
{
    private static readonly SampleCity City = SampleCity.Generate();
    private static readonly LocatePoint Handler = new(new CurrentPlaces(City.ToMap()), CaseFixtures.SampleRules, CaseFixtures.SampleRouting);
    private static readonly SampleDistrict Haizhou = City.Districts.Single(d => d.Place.Code == "320706");

    [Fact]
    public async Task A_wgs84_point_answers_its_grid_community_street_and_district()
    {
        var answer = await LocateAsync(Haizhou.Seat.Lat, Haizhou.Seat.Lon, "wgs84");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var grid = answer.Body.GetProperty("grid").GetString()!;
        Assert.Matches(@"\A320706[0-9]{9}\z", grid);
        Assert.StartsWith(answer.Body.GetProperty("community").GetProperty("code").GetString()!, grid, StringComparison.Ordinal);
        Assert.StartsWith(answer.Body.GetProperty("street").GetProperty("code").GetString()!, grid, StringComparison.Ordinal);
        Assert.Equal("320706", answer.Body.GetProperty("district").GetProperty("code").GetString());
        Assert.Equal("海州区", answer.Body.GetProperty("district").GetProperty("name").GetString());
        var point = answer.Body.GetProperty("point");
        Assert.Equal((Haizhou.Seat.Lat, Haizhou.Seat.Lon, "wgs84"), (point.GetProperty("lat").GetDouble(), point.GetProperty("lon").GetDouble(), point.GetProperty("crs").GetString()));
    }

    [Theory]
    [InlineData(CoordinateSystem.Gcj02, "gcj02")]
    [InlineData(CoordinateSystem.Bd09, "bd09")]
    [InlineData(CoordinateSystem.Cgcs2000, "cgcs2000")]
    public async Task A_point_in_another_system_is_converted_and_locates_to_the_grid_of_its_wgs84_original(CoordinateSystem crs, string wireName)
    {
        var original = await LocateAsync(Haizhou.Seat.Lat, Haizhou.Seat.Lon, "wgs84");
        var sent = CoordinateConversion.FromWgs84(Haizhou.Seat, crs);

        var answer = await LocateAsync(sent.Lat, sent.Lon, wireName);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(original.Body.GetProperty("grid").GetString(), answer.Body.GetProperty("grid").GetString());
        var point = answer.Body.GetProperty("point");
        Assert.Equal("wgs84", point.GetProperty("crs").GetString());
        Assert.True(Haizhou.Seat.DistanceTo(new GeoPoint(point.GetProperty("lat").GetDouble(), point.GetProperty("lon").GetDouble())) < 0.5);
    }

    [Fact]
    public async Task A_point_on_the_edge_between_two_grids_answers_the_lower_code()
    {
        var grid = City.Grids.First(g => g.District.Code == "320706");
        var edge = grid.Boundary.EnvelopeInternal;

        var answer = await LocateAsync((edge.MinY + edge.MaxY) / 2, edge.MaxX, "wgs84");

        Assert.Equal(grid.Code, answer.Body.GetProperty("grid").GetString());
    }

    [Theory]
    [InlineData(35.5, 119.2)]
    [InlineData(31.2304, 121.4737)]
    [InlineData(0.0, 0.0)]
    public async Task A_point_outside_the_city_grids_answers_422(double lat, double lon)
    {
        var answer = await LocateAsync(lat, lon, "wgs84");

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/outside-grids", answer.ProblemType);
        Assert.Contains("WGS84", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_point_in_a_hole_between_grids_answers_422()
    {
        var hole = City.Holes[0];

        var answer = await LocateAsync(hole.Centre.Y, hole.Centre.X, "wgs84");

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, answer.Status);
    }

    [Theory]
    [InlineData("", "crs,lat,lon")]
    [InlineData("lat=34.6&lon=119.2", "crs")]
    [InlineData("lat=95&lon=119.2&crs=wgs84", "lat")]
    [InlineData("lat=34.6&lon=-181&crs=wgs84", "lon")]
    [InlineData("lat=34,6&lon=119.2&crs=wgs84", "lat")]
    [InlineData("lat=1e1&lon=119.2&crs=wgs84", "lat")]
    [InlineData("lat=NaN&lon=Infinity&crs=wgs84", "lat,lon")]
    [InlineData("lat=34.6&lon=119.2&crs=mercator", "crs")]
    [InlineData("lat=34.6&lon=119.2&crs=2", "crs")]
    public async Task Bad_or_missing_parameters_answer_400_naming_each(string query, string fields)
    {
        var answer = await ExecuteAsync(query.Length == 0 ? "" : "?" + query);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal(fields.Split(','), answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    private static Task<ExecutedResult> LocateAsync(double lat, double lon, string crs) =>
        ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"?lat={lat:R}&lon={lon:R}&crs={crs}"));

    private static async Task<ExecutedResult> ExecuteAsync(string queryString)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(queryString);
        return await ResultRunner.ExecuteAsync(Handler.Handle(http), http);
    }
}
