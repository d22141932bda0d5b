using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Testing;
using static Lyg.EndToEnd.Tests.Auth.MachineRequests;

namespace Lyg.EndToEnd.Tests.Hotline12345;

/// <summary>
/// The 12345 channel over real HTTP on the standalone host with Azurite, signed as the sample hotline client: pushes in
/// every time and charset form, repeated and reordered, make one case each; the caller is shown to center staff only
/// and masked in the host's log; feedback reaches a real destination on loopback; a dissatisfied, unsolved follow-up
/// reopens the closed case.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class HotlineTests(HubFixture hub)
{
    private const string Client = "dev-hotline12345";
    private const string WorkOrders = "/api/v1/hotline12345/work-orders";
    private const string Callbacks = "/api/v1/hotline12345/callbacks";
    private const string CallerName = "张三丰";
    private const string CallerPhone = "13812345678";
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    /// <summary>One instant, 2026-12-01 09:30 Beijing time, as different 12345 systems send it.</summary>
    private static readonly string[] TimeForms =
        ["\"2026-12-01T09:30:00+08:00\"", "\"2026-12-01T01:30:00Z\"", "\"2026/12/01 09:30\"", "1796088600", "\"1796088600\"", "1796088600000", "\"1796088600000\""];

    [Fact]
    public async Task Work_orders_become_one_case_each_however_often_and_in_whatever_order_and_form_they_arrive()
    {
        await using var host = await StartHostAsync(null, "e2ehotline");
        var number = "WO-" + Guid.NewGuid().ToString("N")[..10];
        var first = Order(number, "\"2026-12-01 09:30:00\"", "道路旁暴露垃圾");
        var later = Order(number, "\"2026-12-01 09:30:00\"", "道路旁暴露垃圾，已堆积三天", updatedAt: "\"2026-12-01T10:00:00+08:00\"",
            urgings: """[{"at":1796090400,"note":"市民再次来电催办"}]""");

        var created = await PushAsync(host, first);
        Assert.Equal("created", created.Outcome);
        Assert.Equal("unchanged", (await PushAsync(host, first)).Outcome);
        var updated = await PushAsync(host, later);
        Assert.Equal((created.CaseId, "updated"), (updated.CaseId, updated.Outcome));
        Assert.Equal("unchanged", (await PushAsync(host, later)).Outcome);
        // The first push again, after the later one: older, so nothing changes.
        Assert.Equal("unchanged", (await PushAsync(host, Order(number, "\"2026-12-01 09:30:00\"", "道路旁暴露垃圾", updatedAt: "\"2026-12-01T09:40:00+08:00\""))).Outcome);

        var staff = await host.ClientForAsync("operator-hotline", Roles.Operator);
        var view = await staff.GetCaseAsync(created.CaseId);
        Assert.Equal((CaseSource.Hotline12345, CaseState.Reported, "0110"), (view.Source, view.State, view.CategoryCode));
        Assert.Equal(new HotlineCaller(CallerName, CallerPhone), view.Caller);
        Assert.Equal(["report", "hotline-urge", "hotline-update"], view.Timeline.Select(t => t.Action));
        Assert.Contains("已堆积三天", view.Timeline[2].Reason, StringComparison.Ordinal);
        Assert.Equal(1, await CountCasesWithLinkAsync(number));

        // Pushes racing each other still make one case.
        var racing = "WO-" + Guid.NewGuid().ToString("N")[..10];
        var raced = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PushAsync(host, Order(racing, "1796088600000", "井盖缺失"))));
        Assert.Single(raced.Select(r => r.CaseId).Distinct());
        Assert.Single(raced, r => r.Outcome == "created");

        // Every time form; an unmapped path waits for the operator without a category.
        foreach (var (time, i) in TimeForms.Select((t, i) => (t, i)))
        {
            var order = Order($"{number}-t{i}", time, "井盖缺失", categoryPath: """["交通运输","公交站台"]""", dueAt: time);
            var accepted = await PushAsync(host, order);
            var stored = await staff.GetCaseAsync(accepted.CaseId);
            Assert.Null(stored.CategoryCode);
            Assert.Equal(CaseState.Reported, stored.State);
        }

        // GB18030 declared is read; GBK undeclared, an unknown charset and a time in no form are 400 naming the field.
        var gb = await PushAsync(host, Order(number + "-gb", "\"2026-12-01 09:30:00\"", "污水井盖破损"), "application/json; charset=gb18030", Gb18030);
        Assert.Equal("污水井盖破损", (await staff.GetCaseAsync(gb.CaseId)).Description);
        var cases = await hub.CountCasesAsync();
        await ExpectFieldAsync(host, Order(number + "-gbk", "\"2026-12-01 09:30:00\"", "污水井盖破损"), "Content-Type", "application/json", Gb18030);
        await ExpectFieldAsync(host, Order(number + "-big5", "\"2026-12-01 09:30:00\"", "井盖"), "Content-Type", "application/json; charset=big5", Encoding.UTF8);
        await ExpectFieldAsync(host, Order(number + "-bad", "\"yesterday\"", "井盖"), "acceptedAt", "application/json", Encoding.UTF8);
        await ExpectFieldAsync(host, Order(number + "-due", "\"2026-12-01 09:30:00\"", "井盖", dueAt: "\"soon\""), "dueAt", "application/json", Encoding.UTF8);
        Assert.Equal(cases, await hub.CountCasesAsync());

        // Signatures: missing, wrong, expired and replayed are refused before anything is read.
        var body = Encoding.UTF8.GetBytes(Order(number + "-sig", "1796088600", "井盖"));
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, WorkOrders.TrimStart('/')) { Content = new ByteArrayContent(body) };
        unsigned.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        Assert.Equal("missing-signature-headers", await ReasonAsync(host.Anonymous.SendAsync(unsigned)));
        using var wrong = Signed(HttpMethod.Post, WorkOrders, Client, body: body, secret: new byte[32]);
        Assert.Equal("signature-mismatch", await ReasonAsync(host.Anonymous.SendAsync(wrong)));
        using var expired = Signed(HttpMethod.Post, WorkOrders, Client, body: body, timestamp: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
        Assert.Equal("timestamp-out-of-range", await ReasonAsync(host.Anonymous.SendAsync(expired)));
        using var original = Signed(HttpMethod.Post, WorkOrders, Client, body: body);
        using var admitted = await host.Anonymous.SendAsync(original);
        Assert.Equal(HttpStatusCode.Accepted, admitted.StatusCode);
        using var replay = Copy(original);
        Assert.Equal("nonce-replayed", await ReasonAsync(host.Anonymous.SendAsync(replay)));

        // The caller: only staff see it; the citizen-facing and unit views and the log never hold it whole.
        var lists = await (await host.ClientForAsync("operator-hotline", Roles.Operator)).GetStringAsync($"api/v1/cases?source=hotline12345");
        Assert.DoesNotContain(CallerPhone, lists, StringComparison.Ordinal);
        var unitRaw = await (await host.ClientForAsync("citizen-hotline", Roles.Citizen)).GetAsync($"api/v1/cases/{created.CaseId}");
        Assert.DoesNotContain(CallerPhone, await unitRaw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var log = host.RecentOutput;
        Assert.Contains("张**", log, StringComparison.Ordinal);
        Assert.Contains("138****5678", log, StringComparison.Ordinal);
        Assert.DoesNotContain(CallerPhone, log, StringComparison.Ordinal);
        Assert.DoesNotContain(CallerName, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_reaches_12345_through_the_outbox_and_a_dissatisfied_unsolved_follow_up_reopens_the_case()
    {
        await using var destination = await DestinationServer.StartAsync();
        await using var host = await StartHostAsync(destination, "e2ehotlinefeedback");
        var operatorClient = await host.ClientForAsync("operator-hotline", Roles.Operator);
        var dispatcher = await host.ClientForAsync("dispatcher-hotline", Roles.Dispatcher);
        var inspector = await host.ClientForAsync("inspector-hotline", Roles.Inspector);
        var units = await operatorClient.GetFromJsonAsync("api/v1/units?kind=enterprise", LygJsonContext.Default.UnitPage);
        var unitCode = units!.Items[0].Code;
        var unit = await host.ClientForAsync("unit-hotline", Roles.Unit, unitCode);

        var number = "WO-" + Guid.NewGuid().ToString("N")[..10];
        var caseId = (await PushAsync(host, Order(number, "\"2026-12-01 09:30:00\"", "道路旁暴露垃圾"))).CaseId;
        await Expect(operatorClient.RegisterAsync(caseId));
        await Expect(dispatcher.ActAsync(caseId, "dispatch", $$"""{"unitCode":"{{unitCode}}"}"""));
        await Expect(unit.ActAsync(caseId, "accept", "{}"));
        // The unit handling the case sees it, without its caller; staff see the caller.
        var unitView = await unit.GetStringAsync($"api/v1/cases/{caseId}");
        Assert.DoesNotContain(CallerPhone, unitView, StringComparison.Ordinal);
        Assert.DoesNotContain(CallerName, unitView, StringComparison.Ordinal);
        Assert.Equal(CallerPhone, (await operatorClient.GetCaseAsync(caseId)).Caller?.Phone);
        await Expect(unit.ActAsync(caseId, "request-postponement", """{"extraWorkingDays":2,"reason":"需协调环卫车辆"}"""));
        await Expect(dispatcher.ActAsync(caseId, "decide-postponement", """{"approved":true,"reason":"同意"}"""));
        var photo = await unit.UploadPhotoAsync();
        await Expect(unit.ActAsync(caseId, "complete", $$"""{"result":"垃圾已清运","attachmentIds":["{{photo}}"]}"""));
        await Expect(inspector.ActAsync(caseId, "check", """{"passed":true}"""));

        var voided = "WO-" + Guid.NewGuid().ToString("N")[..10];
        var voidedCase = (await PushAsync(host, Order(voided, "1796088600", "非城管职责"))).CaseId;
        await Expect(operatorClient.ActAsync(voidedCase, "void", """{"reason":"不属于城管职责，退回12345"}"""));

        var taken = await Poll.UntilAsync(() => Task.FromResult(destination.Taken), t => t.Count >= 4, TimeSpan.FromSeconds(60), "four feedback messages");
        var feedback = taken.Select(t => JsonDocument.Parse(t.Body).RootElement).ToList();
        var kinds = feedback.Select(f => (f.GetProperty("caseId").GetString(), f.GetProperty("kind").GetString())).ToList();
        Assert.Equal([(caseId, "hotline-accepted"), (caseId, "hotline-postponed"), (caseId, "hotline-closed")], kinds.Where(k => k.Item1 == caseId));
        Assert.Equal([(voidedCase, "hotline-returned")], kinds.Where(k => k.Item1 == voidedCase));
        var closed = feedback.Single(f => f.GetProperty("kind").GetString() == "hotline-closed").GetProperty("payload");
        Assert.Equal((number, "垃圾已清运"), (closed.GetProperty("workOrderNo").GetString(), closed.GetProperty("result").GetString()));
        Assert.Equal([$"/api/v1/attachments/{photo}"], closed.GetProperty("photoUrls").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("不属于城管职责，退回12345", feedback.Single(f => f.GetProperty("kind").GetString() == "hotline-returned").GetProperty("payload").GetProperty("reason").GetString());
        Assert.True(feedback.Single(f => f.GetProperty("kind").GetString() == "hotline-postponed").GetProperty("payload").TryGetProperty("deadline", out _));
        Assert.All(destination.Received, r => Assert.DoesNotContain(CallerPhone, Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));
        Assert.All(destination.Received, r => Assert.DoesNotContain(CallerName, Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));

        // 回访: dissatisfied and unsolved reopens the closed case for rework; the same callback again changes nothing.
        var callback = $$"""{"workOrderNo":"{{number}}","satisfaction":"dissatisfied","solved":false,"reason":"垃圾又堆起来了","visitedAt":"2026-12-03 15:00:00"}""";
        var reopened = await CallBackAsync(host, callback);
        Assert.True(reopened.GetProperty("reopened").GetBoolean());
        Assert.Equal("dispatched", reopened.GetProperty("state").GetString());
        Assert.False((await CallBackAsync(host, callback)).GetProperty("reopened").GetBoolean());
        var view = await operatorClient.GetCaseAsync(caseId);
        Assert.Equal((CaseState.Dispatched, 1, unitCode, Satisfaction.Dissatisfied), (view.State, view.ReworkCount, view.AssignedUnit, view.Satisfaction));
        Assert.Equal(["hotline-callback", "reopen"], view.Timeline.TakeLast(2).Select(t => t.Action));
        Assert.Equal("handle", view.Stage!.Name);
        await Poll.UntilAsync(() => operatorClient.GetCaseAsync(caseId), c => c.Workflow?.Status == "running", TimeSpan.FromSeconds(30), "the reopened case's workflow running");

        var unknown = Signed(HttpMethod.Post, Callbacks, Client, body: Encoding.UTF8.GetBytes("""{"workOrderNo":"WO-unknown","satisfaction":"satisfied","solved":true}"""));
        using var notFound = await host.Anonymous.SendAsync(unknown);
        await notFound.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static string Order(
        string number, string acceptedAt, string description, string? updatedAt = null, string? urgings = null,
        string categoryPath = """["城市管理","市容环卫","暴露垃圾"]""", string? dueAt = null) =>
        $$"""
        {"workOrderNo":"{{number}}","acceptedAt":{{acceptedAt}},"caller":{"name":"{{CallerName}}","phone":"{{CallerPhone}}"},
         "address":"海州区朝阳中路","location":{"lat":34.5967,"lon":119.2215,"crs":"gcj02"},"description":"{{description}}",
         "urgency":"normal","categoryPath":{{categoryPath}},"dueAt":{{dueAt ?? "\"2026-12-03 18:00:00\""}},
         "attachmentUrls":["https://12345.lyg.example/files/1.jpg"]{{(updatedAt is null ? "" : ",\"updatedAt\":" + updatedAt)}}{{(urgings is null ? "" : ",\"urgings\":" + urgings)}}}
        """;

    private static async Task<HotlineWorkOrderAccepted> PushAsync(StandaloneHost host, string json, string contentType = "application/json", Encoding? encoding = null)
    {
        using var request = Signed(HttpMethod.Post, WorkOrders, Client, body: (encoding ?? Encoding.UTF8).GetBytes(json), contentType: contentType);
        using var response = await host.Anonymous.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.HotlineWorkOrderAccepted))!;
    }

    private static async Task<JsonElement> CallBackAsync(StandaloneHost host, string json)
    {
        using var request = Signed(HttpMethod.Post, Callbacks, Client, body: Encoding.UTF8.GetBytes(json));
        using var response = await host.Anonymous.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ExpectFieldAsync(StandaloneHost host, string json, string field, string contentType, Encoding encoding)
    {
        using var request = Signed(HttpMethod.Post, WorkOrders, Client, body: encoding.GetBytes(json), contentType: contentType);
        using var response = await host.Anonymous.SendAsync(request);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static async Task<string?> ReasonAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        return problem.GetProperty("reason").GetString();
    }

    private static async Task Expect(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> CountCasesWithLinkAsync(string number)
    {
        var count = 0;
        await foreach (var row in hub.CaseTable.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.RowKey == "case", select: ["Links"]))
        {
            count += row.GetString("Links")?.Contains($"/{number}\"", StringComparison.Ordinal) == true ? 1 : 0;
        }

        return count;
    }

    private Task<StandaloneHost> StartHostAsync(DestinationServer? destination, string taskHub)
    {
        var settings = HubFixture.ShortTimings();
        settings["Logging__LogLevel__Lyg.Hub.Features.Hotline12345"] = "Information";
        if (destination is not null)
        {
            const string key = "Outbox__Destinations__hotline12345";
            settings[$"{key}__Url"] = destination.Url.ToString();
            settings[$"{key}__ClientId"] = "lyg-e2e";
            settings[$"{key}__Secret"] = Convert.ToBase64String(new byte[32]);
            settings["Outbox__PollInterval"] = "00:00:00.2";
        }

        return StandaloneHost.StartAsync(hub.Azurite.ConnectionString, taskHub, settings);
    }
}
