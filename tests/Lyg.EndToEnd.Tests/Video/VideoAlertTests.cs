using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Testing;
using static Lyg.EndToEnd.Tests.Auth.MachineRequests;

namespace Lyg.EndToEnd.Tests.Video;

/// <summary>
/// POST v1/video/alerts over real HTTP on the standalone host with Azurite, signed as the sample video client, at the
/// sample cameras Development plants: a sure alert becomes a case whose detail shows the snapshot as its attachment, an
/// unsure one an inspector's 核实 task, and everything bad a caller can send is a 400 naming the field with nothing
/// written. Each test uses a window of its own in the past, so runs sharing an Azurite never meet in one.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class VideoAlertTests(HubFixture hub)
{
    private const string Video = "dev-video";
    private const string Path = "/api/v1/video/alerts";
    private const string Camera = "cam-haizhou-1";
    private static readonly string Jpeg = Convert.ToBase64String(TestPhotos.Create(TestPhotos.Format.Jpeg));

    [Fact]
    public async Task A_sure_alert_becomes_a_case_with_the_snapshot_as_its_attachment_and_a_repeat_joins_it()
    {
        var at = NewWindow();
        var (first, repeat) = (NewId(), NewId());

        var taken = await PostAsync(Alert(first, "street-vending", 0.93, at), Alert(repeat, "street-vending", 0.97, at.AddMinutes(2)));

        Assert.Equal(("case", "joined"), (taken[0].GetProperty("outcome").GetString(), taken[1].GetProperty("outcome").GetString()));
        var caseId = taken[0].GetProperty("caseId").GetString()!;
        Assert.Equal((caseId, 2), (taken[1].GetProperty("caseId").GetString(), taken[1].GetProperty("windowCount").GetInt32()));
        var staff = await hub.Host.ClientForAsync("operator-video-e2e", Roles.Operator);
        var detail = await staff.GetCaseAsync(caseId);
        Assert.Equal((CaseSource.Video, "0406", CaseState.Reported), (detail.Source, detail.CategoryCode, detail.State));
        using var photo = await staff.GetAsync($"api/v1/attachments/{Assert.Single(detail.AttachmentIds)}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(TestPhotos.Make, Encoding.ASCII.GetString(await photo.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        var replayed = await PostAsync(Alert(first, "street-vending", 0.93, at));
        Assert.True(replayed[0].GetProperty("replayed").GetBoolean());
        Assert.Equal(caseId, replayed[0].GetProperty("caseId").GetString());
    }

    [Fact]
    public async Task An_unsure_alert_becomes_a_verify_task_in_the_patrolling_inspectors_list()
    {
        var taken = Assert.Single(await PostAsync(Alert(NewId(), "bicycle-parking", 0.55, NewWindow())));

        Assert.Equal("verify-task", taken.GetProperty("outcome").GetString());
        var (caseId, taskId) = (taken.GetProperty("caseId").GetString()!, taken.GetProperty("taskId").GetString()!);
        var holder = await Tables.GetTableClient("InspectionTasks").GetEntityAsync<TableEntity>("case " + caseId, taskId);
        var inspector = await hub.Host.ClientForAsync(holder.Value.GetString("InspectorId"), Roles.Inspector);
        var list = await inspector.GetFromJsonAsync<InspectionTaskList>("api/v1/inspector/tasks", LygJsonContext.Default.InspectionTaskList);
        var task = Assert.Single(list!.Items, t => t.TaskId == taskId);
        Assert.Equal((InspectionKind.Verify, caseId, InspectionTaskState.Open), (task.Kind, task.CaseId, task.State));
    }

    [Fact]
    public async Task Small_ads_beside_the_sample_advertisement_with_a_valid_permit_are_checked_and_make_nothing()
    {
        // Within the last four weeks, so within the sample permit (2026-01-01 to 2028-12-31).
        var at = NewWindow(windowsBack: 4_000);
        var alert = JsonSerializer.Serialize(new VideoAlertItem(NewId(), "cam-haizhou-2", "small-ads", 0.99, at, Jpeg), LygJsonContext.Default.VideoAlertItem);

        var taken = Assert.Single(await PostAsync(alert));

        Assert.Equal(("permitted-advertisement", "ad-haizhou-lightbox-1"), (taken.GetProperty("outcome").GetString(), taken.GetProperty("advertisementId").GetString()));
        Assert.False(taken.TryGetProperty("caseId", out _));
    }

    [Fact]
    public async Task A_camera_imported_with_the_tool_takes_alerts_at_once()
    {
        var camera = "cam-import-" + Guid.NewGuid().ToString("N")[..8];
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), camera + ".csv");
        await File.WriteAllTextAsync(file, $"CameraID,Name,Address,X,Y\n{camera},导入的摄像头,海州区样例路,119.2212,34.5964\n");

        var (exitCode, output) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "cameras", file, "--sample-places");
        File.Delete(file);

        Assert.True(exitCode == 0, output);
        var alert = JsonSerializer.Serialize(new VideoAlertItem(NewId(), camera, "street-vending", 0.9, NewWindow(), Jpeg), LygJsonContext.Default.VideoAlertItem);
        var taken = Assert.Single(await PostAsync(alert));
        var staff = await hub.Host.ClientForAsync("operator-video-e2e", Roles.Operator);
        var detail = await staff.GetCaseAsync(taken.GetProperty("caseId").GetString()!);
        Assert.Equal("海州区样例路", detail.Address);
    }

    public static TheoryData<string, string> BadAlerts => new()
    {
        { """{"alertId":"%id","eventKind":"street-vending","confidence":0.9,"observedAt":"2026-12-01T08:00:00+08:00","snapshot":"%jpeg"}""", "alerts[0].cameraId" },
        { """{"alertId":"%id","cameraId":"cam-nowhere","eventKind":"street-vending","confidence":0.9,"observedAt":"2026-12-01T08:00:00+08:00","snapshot":"%jpeg"}""", "alerts[0].cameraId" },
        { """{"alertId":"%id","cameraId":"cam-haizhou-1","eventKind":"graffiti","confidence":0.9,"observedAt":"2026-12-01T08:00:00+08:00","snapshot":"%jpeg"}""", "alerts[0].eventKind" },
        { """{"alertId":"%id","cameraId":"cam-haizhou-1","eventKind":"small-ads","confidence":1.5,"observedAt":"2026-12-01T08:00:00+08:00","snapshot":"%jpeg"}""", "alerts[0].confidence" },
        { """{"alertId":"%id","cameraId":"cam-haizhou-1","eventKind":"small-ads","confidence":0.9,"observedAt":"yesterday","snapshot":"%jpeg"}""", "alerts[0].observedAt" },
        { """{"alertId":"%id","cameraId":"cam-haizhou-1","eventKind":"small-ads","confidence":0.9,"observedAt":"2026-12-01T08:00:00+08:00"}""", "alerts[0].snapshot" },
        { """{"alertId":"%id","cameraId":"cam-haizhou-1","eventKind":"small-ads","confidence":0.9,"observedAt":"2026-12-01T08:00:00+08:00","snapshot":"aGVsbG8gd29ybGQ="}""", "alerts[0].snapshot" },
        { """{"alertId":"%id","cameraId":"cam-haizhou-1","eventKind":"small-ads","confidence":0.9,"observedAt":"2026-12-01T08:00:00+08:00","snapshot":"%large"}""", "alerts[0].snapshot" },
        { """{"alertId":"%id","cameraId":"cam-haizhou-1","eventKind":"small-ads","confidence":0.9,"observedAt":"2026-12-01T08:00:00+08:00","snapshotUrl":"http://127.0.0.1:9/a.jpg"}""", "alerts[0].snapshotUrl" },
    };

    [Theory]
    [MemberData(nameof(BadAlerts))]
    public async Task A_bad_alert_is_a_400_naming_its_field_and_writes_nothing(string alert, string field)
    {
        var id = NewId();
        var good = Alert(NewId(), "street-vending", 0.9, NewWindow());
        var body = $$"""{"alerts":[{{alert.Replace("%id", id, StringComparison.Ordinal).Replace("%jpeg", Jpeg, StringComparison.Ordinal).Replace("%large", Convert.ToBase64String(new byte[600 * 1024]), StringComparison.Ordinal)}},{{good}}]}""";

        using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Video, body: Encoding.UTF8.GetBytes(body)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var written = await Tables.GetTableClient("VideoAlerts").GetEntityIfExistsAsync<TableEntity>($"a|{Video}|{id}", "alert");
        Assert.False(written.HasValue);
    }

    [Fact]
    public async Task Unsigned_other_kinds_and_other_media_types_are_refused()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"alerts":[{{Alert(NewId(), "street-vending", 0.9, NewWindow())}}]}""");
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, Path.TrimStart('/')) { Content = new ByteArrayContent(body) };
        unsigned.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using (var response = await hub.Host.Anonymous.SendAsync(unsigned))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, "dev-gateway", body: body)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using (var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Video, body: body, contentType: "text/plain")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        using (var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Video, body: "{\"alerts\":[}"u8.ToArray())))
        {
            await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    private TableServiceClient Tables => new(hub.Azurite.ConnectionString);

    private async Task<JsonElement[]> PostAsync(params string[] alerts)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"alerts":[{{string.Join(",", alerts)}}]}""");
        using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, Path, Video, body: body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    private static string Alert(string id, string kind, double confidence, DateTimeOffset at) =>
        JsonSerializer.Serialize(new VideoAlertItem(id, Camera, kind, confidence, at, Jpeg), LygJsonContext.Default.VideoAlertItem);

    private static string NewId() => "e2e-" + Guid.NewGuid().ToString("N");

    /// <summary>The start of a random 10-minute window within the last <paramref name="windowsBack"/> (two years): a window no other run uses.</summary>
    private static DateTimeOffset NewWindow(int windowsBack = 100_000)
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.FromMinutes(10).Ticks), TimeSpan.Zero);
        return start.AddMinutes(-10 * Random.Shared.Next(10, windowsBack));
    }
}
