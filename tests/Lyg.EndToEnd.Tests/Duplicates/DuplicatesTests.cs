using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Testing;
using static Lyg.EndToEnd.Tests.Auth.MachineRequests;

namespace Lyg.EndToEnd.Tests.Duplicates;

/// <summary>
/// 并单 over real HTTP on the standalone host with Azurite: a second report 10 m from an open case of its category is
/// flagged, and so is a 12345 order about the same problem; an operator merges both into the first; when the first
/// closes through its loop, both citizens hear it and the merged 12345 order gets its 办结 at a destination on loopback.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class DuplicatesTests(HubFixture hub)
{
    private const double MetresPerDegree = 111_320;

    [Fact]
    public async Task Two_reports_and_an_order_about_one_problem_are_flagged_merged_and_all_told_when_the_main_case_closes()
    {
        await using var destination = await DestinationServer.StartAsync();
        var settings = HubFixture.ShortTimings();
        foreach (var name in new[] { "reporter-notices", "hotline12345" })
        {
            settings[$"Outbox__Destinations__{name}__Url"] = destination.Url.ToString();
            settings[$"Outbox__Destinations__{name}__ClientId"] = "lyg-e2e";
            settings[$"Outbox__Destinations__{name}__Secret"] = Convert.ToBase64String(new byte[32]);
        }

        settings["Outbox__PollInterval"] = "00:00:00.2";
        await using var host = await StandaloneHost.StartAsync(hub.Azurite.ConnectionString, "e2eduplicates", settings);
        var first = await host.ClientForAsync("citizen-dup-1", Roles.Citizen);
        var second = await host.ClientForAsync("citizen-dup-2", Roles.Citizen);
        var operatorClient = await host.ClientForAsync("operator-dup", Roles.Operator);
        var dispatcher = await host.ClientForAsync("dispatcher-dup", Roles.Dispatcher);
        var inspector = await host.ClientForAsync("inspector-dup", Roles.Inspector);
        var unitCode = (await operatorClient.GetFromJsonAsync("api/v1/units?kind=enterprise", LygJsonContext.Default.UnitPage))!.Items[0].Code;
        var unit = await host.ClientForAsync("unit-dup", Roles.Unit, unitCode);

        // A point of this test's own (no other test reports 暴露垃圾 there), and one 10 m north of it.
        var lat = 34.58 + Random.Shared.NextDouble() * 0.02;
        var lon = 119.17 + Random.Shared.NextDouble() * 0.02;
        var main = await first.SubmitCaseAsync(Garbage(lat, lon));
        var duplicate = await second.SubmitCaseAsync(Garbage(lat + 10 / MetresPerDegree, lon));
        var number = "WO-" + Guid.NewGuid().ToString("N")[..10];
        var order = await PushOrderAsync(host, number, lat, lon);

        var flagged = (await operatorClient.GetCaseAsync(duplicate)).Duplicates!;
        var likely = Assert.Single(flagged.Likely);
        Assert.Equal(main, likely.CaseId);
        Assert.InRange(likely.DistanceMetres, 9.5, 10.5);
        Assert.Contains((await operatorClient.GetCaseAsync(order)).Duplicates!.Likely, d => d.CaseId == main);
        Assert.Null((await operatorClient.GetCaseAsync(main)).Duplicates);
        // The citizen's own view does not carry the staff's flags.
        Assert.DoesNotContain("duplicates", await second.GetStringAsync($"api/v1/cases/{duplicate}"), StringComparison.Ordinal);

        // Merging: refused into itself (400 naming the field), then both into the main case; a retry with its key replays.
        using (var itself = await operatorClient.ActAsync(duplicate, "merge", $$"""{"intoCaseId":"{{duplicate}}"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
            Assert.True(JsonDocument.Parse(await itself.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("intoCaseId", out _));
        }

        await Expect(operatorClient.ActAsync(duplicate, "merge", $$"""{"intoCaseId":"{{main}}","remarks":"同一处垃圾"}""", "merge-dup-1"));
        await Expect(operatorClient.ActAsync(duplicate, "merge", $$"""{"intoCaseId":"{{main}}","remarks":"同一处垃圾"}""", "merge-dup-1"));
        await Expect(operatorClient.ActAsync(order, "merge", $$"""{"intoCaseId":"{{main}}"}"""));
        var merged = await operatorClient.GetCaseAsync(duplicate);
        Assert.Equal((CaseState.Merged, main), (merged.State, merged.Duplicates!.MergedInto));
        Assert.Equal([duplicate, order], (await operatorClient.GetCaseAsync(main)).Duplicates!.Merged);

        // The main case through its loop to its close.
        await Expect(operatorClient.ActAsync(main, "register", """{"categoryCode":"0110","categoryKind":"event","urgency":"normal"}"""));
        await Expect(dispatcher.ActAsync(main, "dispatch", $$"""{"unitCode":"{{unitCode}}"}"""));
        await Expect(unit.ActAsync(main, "accept", "{}"));
        await Expect(unit.ActAsync(main, "complete", """{"result":"垃圾已清运"}"""));
        await Expect(inspector.ActAsync(main, "check", """{"passed":true}"""));
        Assert.Equal(CaseState.Closed, (await operatorClient.GetCaseAsync(main)).State);
        // The second citizen follows the main case in their own view and list: resolved, with the main case's steps after the merge.
        var followed = await second.GetReportAsync(duplicate);
        Assert.Equal((CitizenStatus.Resolved, main), (followed.Status, followed.MergedInto));
        Assert.Equal(["已受理，等待立案。", "已与同一问题的其他报告合并处理。"], followed.Timeline.Take(2).Select(s => s.Text));
        Assert.Equal("已办结。", followed.Timeline[^1].Text);
        using (var listed = await second.GetAsync("api/v1/cases"))
        {
            var row = (await listed.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportPage))!.Items.Single(r => r.CaseId == duplicate);
            Assert.Equal(CitizenStatus.Resolved, row.Status);
        }


        var envelopes = await Poll.UntilAsync(
            () => Task.FromResult(destination.Taken.Select(m => JsonSerializer.Deserialize(m.Body, LygJsonContext.Default.OutboxEnvelope)!).ToList()),
            e => e.Any(m => m.Kind == "hotline-closed-merged-2") && e.Count(m => m.Kind.StartsWith("reporter-notice", StringComparison.Ordinal) && Resolved(m)) >= 2,
            TimeSpan.FromSeconds(60),
            "the main case's close told to both citizens and to 12345");
        var mainNotice = envelopes.Single(e => e.CaseId == main && e.Kind == "reporter-notice" && Resolved(e)).Payload.Deserialize(LygJsonContext.Default.ReporterNotice)!;
        Assert.Equal("citizen-dup-1", mainNotice.ReporterSubject);
        var mergedNotice = envelopes.Single(e => e.CaseId == main && e.Kind == "reporter-notice-merged-1").Payload.Deserialize(LygJsonContext.Default.ReporterNotice)!;
        Assert.Equal(("citizen-dup-2", CitizenStatus.Resolved, duplicate, main), (mergedNotice.ReporterSubject, mergedNotice.Status, mergedNotice.CaseId, mergedNotice.MergedInto));
        var closed = envelopes.Single(e => e.CaseId == main && e.Kind == "hotline-closed-merged-2").Payload.Deserialize(LygJsonContext.Default.HotlineFeedback)!;
        Assert.Equal((number, "hotline-closed", "垃圾已清运"), (closed.WorkOrderNo, closed.Feedback, closed.Result));
        // The merge itself told the second citizen that their report is being handled with the main case.
        Assert.Contains(envelopes, e => e.CaseId == duplicate && e.Kind == "reporter-notice"
            && e.Payload.Deserialize(LygJsonContext.Default.ReporterNotice)!.MergedInto == main);
        // Every message once, each under its own Idempotency-Key.
        Assert.Equal(destination.Taken.Count, destination.Taken.Select(m => m.IdempotencyKey).Distinct().Count());
    }

    private static bool Resolved(OutboxEnvelope envelope) =>
        envelope.Payload.Deserialize(LygJsonContext.Default.ReporterNotice)!.Status == CitizenStatus.Resolved;

    private static SubmitReportRequest Garbage(double lat, double lon) =>
        new("道路旁暴露垃圾", "0110", new GeoLocation(lat, lon, CoordinateSystem.Wgs84), "海州区", [], CategoryKind: CodeKind.Event);

    private static async Task<string> PushOrderAsync(StandaloneHost host, string number, double lat, double lon)
    {
        var json = $$"""
            {"workOrderNo":"{{number}}","acceptedAt":"2026-12-01 09:30:00","caller":{"name":"李四","phone":"13900001111"},
             "address":"海州区","location":{"lat":{{lat.ToString("R", CultureInfo.InvariantCulture)}},"lon":{{lon.ToString("R", CultureInfo.InvariantCulture)}},"crs":"wgs84"},"description":"路边垃圾没人清",
             "urgency":"normal","categoryPath":["城市管理","市容环卫","暴露垃圾"]}
            """;
        using var request = Signed(HttpMethod.Post, "/api/v1/hotline12345/work-orders", "dev-hotline12345", body: Encoding.UTF8.GetBytes(json));
        using var response = await host.Anonymous.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.HotlineWorkOrderAccepted))!.CaseId;
    }

    private static async Task Expect(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }
}
