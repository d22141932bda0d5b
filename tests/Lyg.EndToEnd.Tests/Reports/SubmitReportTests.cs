using System.Net;
using System.Net.Http.Json;
using System.Text;
using Lyg.Contracts;
using Lyg.Orchestrations.Geo;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Reports;

[Collection(HubSuite.Name)]
public sealed class SubmitReportTests(HubFixture hub)
{
    [Fact]
    public async Task A_citizen_report_is_stored_and_answered_202_with_the_case_and_its_location()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-" + Guid.NewGuid().ToString("N"), Roles.Citizen);

        using var response = await citizen.SubmitAsync(Api.ManholeReport());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportAccepted))!;
        Assert.Matches("^LYG-[0-9]{8}-[0-9]{6}$", accepted.CaseId);
        Assert.Equal($"/api/v1/cases/{accepted.CaseId}", response.Headers.Location?.ToString());
        Assert.Equal(response.Headers.Location?.ToString(), accepted.StatusUrl);

        var report = await citizen.GetReportAsync(accepted.CaseId);
        Assert.Equal((CitizenStatus.Received, "已受理"), (report.Status, report.StatusText));
        Assert.Equal(["已受理，等待立案。"], report.Timeline.Select(s => s.Text));
        var staff = await hub.Host.ClientForAsync("operator-submit", Roles.Operator);
        var stored = await staff.GetCaseAsync(accepted.CaseId);
        Assert.Equal(CaseState.Reported, stored.State);
        Assert.Equal(CaseSource.Citizen, stored.Source);
        Assert.Equal(Api.ManholeReport().Description, stored.Description);
        Assert.Equal(new GeoLocation(34.5967, 119.2215, CoordinateSystem.Wgs84), stored.Location);
        var reported = Assert.Single(stored.Timeline);
        Assert.Equal(("report", CaseState.Reported, Roles.Citizen), (reported.Action, reported.ToState, reported.Role));

        // The workflow was started before the answer and soon waits for registration.
        await Poll.UntilAsync(() => staff.GetCaseAsync(accepted.CaseId), c => c.Workflow?.Stage == "register", TimeSpan.FromSeconds(30), "the registration stage");
    }

    [Fact]
    public async Task A_citizen_may_file_20_reports_an_hour_and_the_21st_is_answered_429_with_retry_after()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-" + Guid.NewGuid().ToString("N"), Roles.Citizen);
        for (var i = 0; i < 20; i++)
        {
            using var accepted = await citizen.SubmitAsync(Api.ManholeReport());
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var refused = await citizen.SubmitAsync(Api.ManholeReport());

        var problem = await refused.AssertProblemAsync((HttpStatusCode)429);
        Assert.Equal("https://lyg-serverless.dev/problems/rate-limited", problem.GetProperty("type").GetString());
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 3600);
        var neighbour = await hub.Host.ClientForAsync("citizen-" + Guid.NewGuid().ToString("N"), Roles.Citizen);
        using var other = await neighbour.SubmitAsync(Api.ManholeReport());
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task A_gcj02_report_is_shown_in_wgs84_with_the_point_as_sent_and_the_grid_it_lies_in()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-" + Guid.NewGuid().ToString("N"), Roles.Citizen);
        // The hosts serve the default sample city; a grid of Lianyungang's own district, at its centre.
        var grid = SampleCity.Generate().Grids.First(g => g.District.Code == "320703");
        var centre = grid.Boundary.Centroid;
        var sent = CoordinateConversion.Wgs84ToGcj02(new GeoPoint(centre.Y, centre.X));

        var caseId = await citizen.SubmitCaseAsync(Api.ManholeReport() with { Location = new GeoLocation(sent.Lat, sent.Lon, CoordinateSystem.Gcj02) });
        var stored = await (await hub.Host.ClientForAsync("operator-gcj02", Roles.Operator)).GetCaseAsync(caseId);
        var report = await citizen.GetReportAsync(caseId);

        Assert.Equal(new GeoLocation(sent.Lat, sent.Lon, CoordinateSystem.Gcj02), report.Location);

        Assert.Equal(CoordinateSystem.Wgs84, stored.Location.Crs);
        Assert.InRange(new GeoPoint(centre.Y, centre.X).DistanceTo(new GeoPoint(stored.Location.Lat!.Value, stored.Location.Lon!.Value)), 0, 0.01);
        Assert.Equal(new GeoLocation(sent.Lat, sent.Lon, CoordinateSystem.Gcj02), stored.ReportedLocation);
        Assert.Equal(
            new CasePlace(
                grid.Code,
                new PlaceView(grid.Community.Code, grid.Community.Name),
                new PlaceView(grid.Street.Code, grid.Street.Name),
                new PlaceView("320703", "连云区")),
            stored.Place);
    }

    [Fact]
    public async Task An_inspector_report_is_sourced_to_the_inspector_and_needs_a_category()
    {
        var inspector = await hub.Host.ClientForAsync("inspector-7", Roles.Inspector);

        using var missingCategory = await inspector.SubmitAsync(Api.ManholeReport());
        var problem = await missingCategory.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("categoryCode", out _));

        var caseId = await inspector.SubmitCaseAsync(Api.ManholeReport() with { CategoryCode = "0101" });
        var stored = await inspector.GetCaseAsync(caseId);
        Assert.Equal((CaseSource.Inspector, "0101"), (stored.Source, stored.CategoryCode));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_same_case_and_stores_one()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-retry", Roles.Citizen);
        var key = Guid.NewGuid().ToString();
        var before = await hub.CountCasesAsync();

        using var first = await citizen.SubmitAsync(Api.ManholeReport(), key);
        using var second = await citizen.SubmitAsync(Api.ManholeReport(), key);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportAccepted);
        var b = await second.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportAccepted);
        Assert.Equal(a!.CaseId, b!.CaseId);
        Assert.Equal(before + 1, await hub.CountCasesAsync());
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_report_is_refused()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-reuse", Roles.Citizen);
        var key = Guid.NewGuid().ToString();
        using var first = await citizen.SubmitAsync(Api.ManholeReport(), key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var before = await hub.CountCasesAsync();

        using var second = await citizen.SubmitAsync(Api.ManholeReport("路灯不亮"), key);

        await second.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await hub.CountCasesAsync());
    }

    [Fact]
    public async Task The_same_key_from_two_citizens_makes_two_cases()
    {
        var key = Guid.NewGuid().ToString();
        var one = await hub.Host.ClientForAsync("citizen-one", Roles.Citizen);
        var two = await hub.Host.ClientForAsync("citizen-two", Roles.Citizen);

        using var a = await one.SubmitAsync(Api.ManholeReport(), key);
        using var b = await two.SubmitAsync(Api.ManholeReport(), key);

        var caseA = await a.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportAccepted);
        var caseB = await b.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportAccepted);
        Assert.NotEqual(caseA!.CaseId, caseB!.CaseId);
    }

    public static TheoryData<string, string> InvalidReports => new()
    {
        { """{"location":{"lat":34.6,"lon":119.2,"crs":"wgs84"}}""", "description" },
        { """{"description":"x","location":{"lat":95,"lon":119.2,"crs":"wgs84"}}""", "location.lat" },
        { """{"description":"x","location":{"lat":34.6,"lon":119.2}}""", "location.crs" },
        { """{"description":"x"}""", "location" },
        { """{"description":"x","categoryCode":"12","location":{"lat":34.6,"lon":119.2,"crs":"gcj02"}}""", "categoryCode" },
        { """{"description":"x","attachmentIds":["../etc/passwd"],"location":{"lat":34.6,"lon":119.2,"crs":"gcj02"}}""", "attachmentIds" },
        { $$$"""{"description":"{{{new string('长', 2001)}}}","location":{"lat":34.6,"lon":119.2,"crs":"gcj02"}}""", "description" },
    };

    [Theory]
    [MemberData(nameof(InvalidReports))]
    public async Task An_invalid_report_answers_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var citizen = await hub.Host.ClientForAsync("citizen-invalid", Roles.Citizen);
        var before = await hub.CountCasesAsync();

        using var response = await citizen.PostAsync("api/v1/reports", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, await hub.CountCasesAsync());
    }

    [Theory]
    [InlineData("""{"description":"x","location":{"lat":34.6,"lon":119.2,"crs":"epsg3857"}}""")]
    [InlineData("""{"description": "x", """)]
    [InlineData("""[1,2,3]""")]
    public async Task A_malformed_body_answers_400_and_writes_nothing(string json)
    {
        var citizen = await hub.Host.ClientForAsync("citizen-malformed", Roles.Citizen);
        var before = await hub.CountCasesAsync();

        using var response = await citizen.PostAsync("api/v1/reports", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await hub.CountCasesAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_too_large_is_refused()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-size", Roles.Citizen);

        using var text = await citizen.PostAsync("api/v1/reports", new StringContent("hello", Encoding.UTF8, "text/plain"));
        await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var huge = $$"""{"description":"{{new string('x', 70_000)}}"}""";
        using var large = await citizen.PostAsync("api/v1/reports", new StringContent(huge, Encoding.UTF8, "application/json"));
        await large.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Reporting_needs_a_valid_token_of_a_citizen_or_inspector()
    {
        var before = await hub.CountCasesAsync();

        using var anonymous = await hub.Host.Anonymous.SubmitAsync(Api.ManholeReport());
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        using var forged = new HttpClient { BaseAddress = hub.Host.BaseAddress };
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiY2l0aXplbiJdfQ.c2lnbmF0dXJl");
        using var forgedResponse = await forged.SubmitAsync(Api.ManholeReport());
        await forgedResponse.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var operatorClient = await hub.Host.ClientForAsync("operator-1", Roles.Operator);
        using var wrongRole = await operatorClient.SubmitAsync(Api.ManholeReport());
        await wrongRole.AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(before, await hub.CountCasesAsync());
    }
}
