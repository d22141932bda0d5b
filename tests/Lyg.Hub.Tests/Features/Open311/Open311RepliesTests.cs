using System.Text.Json;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Open311;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Features.Open311;

/// <summary>The gate's problems on Open311 routes become the spec's error list, in the format of the extension.</summary>
public sealed class Open311RepliesTests
{
    [Fact]
    public async Task A_refused_api_key_is_403_without_a_challenge_in_the_format_the_path_names()
    {
        var http = Http("/api/open311/v2/requests.json");
        http.Response.Headers.WWWAuthenticate = "Open311-Api-Key";

        var translated = (IResult)Open311Replies.Translate(http, Problems.Refused(StatusCodes.Status401Unauthorized, "bad-api-key", "The api_key names no Open311 client."))!;
        var reply = await Open311WireTests.BodyAsync(translated);

        Assert.Equal(StatusCodes.Status403Forbidden, reply.Status);
        Assert.Equal("""[{"code":403,"description":"The api_key names no Open311 client."}]""", reply.Body);
        Assert.Equal(0, http.Response.Headers.WWWAuthenticate.Count);
    }

    [Fact]
    public async Task Field_errors_are_one_400_naming_each_field_and_an_unknown_extension_answers_in_xml()
    {
        var http = Http("/api/open311/v2/requests.csv");

        var translated = (IResult)Open311Replies.Translate(http, Problems.Validation(new Dictionary<string, string[]> { ["lat"] = ["Bad."], ["description"] = ["Long."] }))!;
        var reply = await Open311WireTests.BodyAsync(translated);

        Assert.Equal(StatusCodes.Status400BadRequest, reply.Status);
        var error = System.Xml.Linq.XDocument.Parse(reply.Body).Root!.Element("error")!;
        Assert.Equal(("400", "description: Long. lat: Bad."), (error.Element("code")!.Value, error.Element("description")!.Value));
    }

    [Fact]
    public async Task An_outage_keeps_its_status_and_anything_not_a_problem_passes_unchanged()
    {
        var http = Http("/api/open311/v2/services.json");
        var passing = Results.StatusCode(StatusCodes.Status499ClientClosedRequest);

        var reply = await Open311WireTests.BodyAsync((IResult)Open311Replies.Translate(http, Problems.Unavailable("Storage is down."))!);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, JsonDocument.Parse(reply.Body).RootElement[0].GetProperty("code").GetInt32());
        Assert.Same(passing, Open311Replies.Translate(http, passing));
        Assert.Null(Open311Replies.Translate(http, null));
    }

    [Theory]
    [InlineData("2026-12-01T01:30:00Z", "2026-12-01T09:30:00+08:00")]
    [InlineData("2026-12-01T09:30:00+08:00", "2026-12-01T09:30:00+08:00")]
    [InlineData("2026-11-30T20:30:45-05:00", "2026-12-01T09:30:45+08:00")]
    public void Dates_are_w3c_date_times_in_china_standard_time(string instant, string expected)
    {
        Assert.Equal(expected, Open311Replies.DateTime(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static DefaultHttpContext Http(string path) => new() { Request = { Path = path } };
}
