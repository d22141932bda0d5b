using System.Text;
using System.Text.Json;
using Azure.Messaging.EventHubs;
using Azure.Storage.Blobs;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Inspection;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Streams;
using Lyg.Hub.Features.Video;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Lyg.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Video;

/// <summary>
/// Video alerts on Azurite through the use case both channels share: the confidence threshold's edge, the windows'
/// edges, replayed alert ids, small ads beside a permitted advertisement, and the Event Hubs handler with its poison.
/// Each test has its own cameras in a grid of its own, and retires the inspector it saved.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class TakeVideoAlertsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Client = "video-test";

    // 09:00:00 China Standard Time: a window start (01:00 UTC is a whole number of 10-minute windows from the epoch).
    private static readonly DateTimeOffset WindowStart = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly byte[] Snapshot = TestPhotos.Create(TestPhotos.Format.Jpeg);

    private readonly FakeTimeProvider _clock = new(WindowStart.AddDays(2));
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly InspectorStore _inspectors = new(azurite.Tables);
    private InspectorView _inspector = null!;
    private UnitGrid _grid = null!;
    private TakeVideoAlerts _take = null!;

    public async Task InitializeAsync()
    {
        _grid = City.Grids[(Math.Abs(_run.GetHashCode(StringComparison.Ordinal)) % 250 * 20) + 3];
        _inspector = new InspectorView($"inspector-video-{_run}", "监督员 视频", [_grid.Code], true);
        await _inspectors.UpsertAsync(_inspector, CancellationToken.None);
        var units = await UnitFixtures.NewStoreAsync(azurite);
        var claims = new AttachmentClaims(azurite.Attachments, _cases, _clock);
        var intake = NewIntake(azurite.Tables, _cases, _clock, claims);
        var commands = new CaseCommands(AllActions(units, _cases), _cases, claims, _clock);
        _take = new TakeVideoAlerts(
            new CameraStore(azurite.Tables, Places),
            new VideoAlertStore(azurite.Tables),
            new AdvertisementStore(azurite.Tables, Places),
            azurite.Attachments,
            intake,
            _cases,
            new PatrolAreas(_inspectors),
            new GiveInspectionTask(commands, _cases, new InspectionTaskStore(azurite.Tables), _clock),
            Options.Create(new VideoOptions()),
            Options.Create(new AttachmentOptions()),
            NullLogger<TakeVideoAlerts>.Instance,
            _clock);
        await new CameraStore(azurite.Tables, Places).UpsertAsync([new Camera(Camera("a"), "测试摄像头", CentreOf(_grid), null, "测试路口")], CancellationToken.None);
    }

    public Task DisposeAsync() => _inspectors.UpsertAsync(_inspector with { Active = false }, CancellationToken.None);

    [Fact]
    public async Task An_alert_at_exactly_the_threshold_becomes_a_case_with_its_snapshot_attached_and_a_link_to_the_alert()
    {
        await using var durable = new RecordingDurableClient();
        var taken = Assert.Single(await TakeAsync(durable, Alert("a", "street-vending", 0.8, WindowStart)));

        Assert.Equal((VideoAlertOutcome.Case, false, 1, null), (taken.Outcome, taken.Replayed, taken.WindowCount, taken.TaskId));
        var stored = (await _cases.FindAsync(taken.CaseId!, CancellationToken.None))!;
        Assert.Equal((CaseSource.Video, CaseState.Reported, "0406", _grid.Code), (stored.Source, stored.Facts.State, stored.Facts.CategoryCode, stored.Place?.Grid));
        Assert.Contains(stored.Links!, l => l is { Rel: TakeVideoAlerts.AlertLink } && l.Ref == taken.AlertId);
        var attachment = (await azurite.Attachments.FindAsync(Assert.Single(stored.AttachmentIds), CancellationToken.None))!;
        Assert.Equal((taken.CaseId, Caller.MachineIssuer, Client), (attachment.CaseId, attachment.OwnerIssuer, attachment.OwnerSubject));
        var served = (await azurite.Attachments.ReadAsync(attachment.BlobName, CancellationToken.None))!.ToArray();
        Assert.DoesNotContain(TestPhotos.Make, Encoding.ASCII.GetString(served), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_just_below_the_threshold_becomes_a_verify_task_of_the_inspector_patrolling_the_camera()
    {
        await using var durable = new RecordingDurableClient();
        var taken = Assert.Single(await TakeAsync(durable, Alert("a", "bicycle-parking", 0.7999, WindowStart)));

        Assert.Equal(VideoAlertOutcome.VerifyTask, taken.Outcome);
        var task = (await new InspectionTaskStore(azurite.Tables).FindAsync(_inspector.InspectorId, taken.TaskId!, CancellationToken.None))!;
        Assert.Equal((taken.CaseId, nameof(InspectionKind.Verify), nameof(InspectionTaskState.Open), "0410"), (task.CaseId, task.Kind, task.State, task.CategoryCode));
        var stored = (await _cases.FindAsync(taken.CaseId!, CancellationToken.None))!;
        Assert.Equal(CaseState.Reported, stored.Facts.State);
        Assert.Contains(stored.Timeline, e => e.Action == CaseActionNames.AssignInspector && e.Actor == Client);
    }

    [Fact]
    public async Task Repeats_within_the_window_join_its_first_alert_and_the_next_window_starts_a_case_of_its_own()
    {
        await using var durable = new RecordingDurableClient();
        var taken = await TakeAsync(durable, 
            Alert("a", "street-vending", 0.95, WindowStart),
            Alert("a", "street-vending", 0.3, WindowStart.AddMinutes(10).AddTicks(-1)),
            Alert("a", "street-vending", 0.99, WindowStart.AddMinutes(10)),
            Alert("a", "small-ads", 0.9, WindowStart.AddMinutes(1)));

        Assert.Equal([VideoAlertOutcome.Case, VideoAlertOutcome.Joined, VideoAlertOutcome.Case, VideoAlertOutcome.Case], taken.Select(t => t.Outcome));
        Assert.Equal((taken[0].CaseId, 2, WindowStart.ToUniversalTime()), (taken[1].CaseId, taken[1].WindowCount, taken[1].WindowStart));
        Assert.Equal(WindowStart.AddMinutes(10).ToUniversalTime(), taken[2].WindowStart);
        Assert.Equal(3, taken.Select(t => t.CaseId).Distinct().Count());
    }

    [Fact]
    public async Task A_replayed_alert_id_is_answered_as_before_and_counts_and_creates_nothing()
    {
        await using var durable = new RecordingDurableClient();
        var first = Alert("a", "street-vending", 0.95, WindowStart.AddMinutes(3));
        var repeat = Alert("a", "street-vending", 0.95, WindowStart.AddMinutes(4));
        var before = await TakeAsync(durable, first, repeat);

        var replayed = await TakeAsync(durable, first, repeat);

        Assert.All(replayed, t => Assert.True(t.Replayed));
        Assert.Equal(before.Select(t => (t.Outcome, t.CaseId)), replayed.Select(t => (t.Outcome, t.CaseId)));
        var window = await new VideoAlertStore(azurite.Tables).FindWindowAsync(Camera("a"), "street-vending", WindowStart, CancellationToken.None);
        Assert.Equal(2, window!.Count);
        Assert.Single(durable.Instances);
    }

    [Fact]
    public async Task Small_ads_beside_an_advertisement_with_a_valid_permit_are_checked_and_make_nothing_but_beside_a_lapsed_one_make_a_case()
    {
        await using var durable = new RecordingDurableClient();
        var camera = CentreOf(_grid);
        var ads = new AdvertisementStore(azurite.Tables, Places);
        await ads.UpsertAsync(
            [
                new Advertisement($"ad-valid-{_run}", "lightbox", "测试商户", Offset(camera, 10), null, "P-1", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 1)),
            ],
            CancellationToken.None);
        await new CameraStore(azurite.Tables, Places).UpsertAsync([new Camera(Camera("far"), "远处", Offset(camera, 40), null, null)], CancellationToken.None);

        var taken = await TakeAsync(durable, 
            Alert("a", "small-ads", 0.95, WindowStart),
            Alert("far", "small-ads", 0.95, WindowStart),
            Alert("a", "small-ads", 0.95, WindowStart.AddDays(1)));

        Assert.Equal((VideoAlertOutcome.PermittedAdvertisement, $"ad-valid-{_run}", null), (taken[0].Outcome, taken[0].AdvertisementId, taken[0].CaseId));
        Assert.Equal(VideoAlertOutcome.Case, taken[1].Outcome);
        Assert.Equal(VideoAlertOutcome.Case, taken[2].Outcome);
        Assert.Equal(2, durable.Instances.Count);
    }

    [Fact]
    public async Task Cameras_the_registry_does_not_hold_are_named_by_their_path()
    {
        await using var durable = new RecordingDurableClient();
        var (alerts, _) = VideoAlertDocument.Read(Document(Alert("a", "small-ads", 0.9, WindowStart), Alert("nowhere", "small-ads", 0.9, WindowStart)), new VideoOptions(), Photos, _clock.GetUtcNow());

        var (_, errors) = await _take.FindCamerasAsync(alerts, CancellationToken.None);

        Assert.Equal(["alerts[1].cameraId"], errors.Keys);
    }

    [Fact]
    public async Task Events_of_a_batch_are_taken_in_order_and_poison_events_go_to_dead_letters_with_their_reason()
    {
        await using var durable = new RecordingDurableClient();
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("deadletters-" + Guid.NewGuid().ToString("N")[..12]);
        await container.CreateAsync();
        var clients = TestMachines.Registry((Client, TestMachines.Client(Roles.Video, [TestJwt.NewKey()])), ("video-gateway", TestMachines.Client(Roles.Gateway, [TestJwt.NewKey()])));
        var handler = new VideoAlertBatchHandler(_take, clients, Photos, Options.Create(new VideoOptions()), _clock);
        var runner = new StreamBatchRunner(new DeadLetterStore(container), NullLogger<StreamBatchRunner>.Instance);
        var partition = new StreamPartition("Video", "0");
        var good = Alert("a", "street-vending", 0.9, WindowStart);
        var events = new[]
        {
            Event(1, Document(good)),
            Event(2, "not json"),
            Event(3, Document(Alert("nowhere", "street-vending", 0.9, WindowStart))),
            Event(4, Document(Alert("a", "street-vending", 0.9, WindowStart)), client: "video-gateway"),
            Event(5, Document(Alert("a", "street-vending", 0.9, WindowStart)), client: null),
            Event(6, Document(good)),
        };

        await runner.RunAsync(partition, handler, events, durable, (_, _) => Task.CompletedTask, default);

        Assert.Single(durable.Instances);
        var reasons = new Dictionary<long, string>();
        foreach (var sequence in new long[] { 2, 3, 4, 5 })
        {
            var letter = await container.GetBlobClient(DeadLetterStore.BlobName(partition, sequence)).DownloadContentAsync();
            reasons[sequence] = JsonDocument.Parse(letter.Value.Content.ToString()).RootElement.GetProperty("reason").GetString()!;
        }

        Assert.StartsWith("$:", reasons[2], StringComparison.Ordinal);
        Assert.StartsWith("alerts[0].cameraId:", reasons[3], StringComparison.Ordinal);
        Assert.Contains("may not post video alerts", reasons[4], StringComparison.Ordinal);
        Assert.Contains(StreamSenders.ClientProperty, reasons[5], StringComparison.Ordinal);
        Assert.False(await container.GetBlobClient(DeadLetterStore.BlobName(partition, 6)).ExistsAsync());
    }

    private static readonly PhotoProcessor Photos = new(Options.Create(new AttachmentOptions()));

    private string Camera(string name) => $"cam-{name}-{_run}";

    private async Task<IReadOnlyList<VideoAlertTaken>> TakeAsync(RecordingDurableClient durable, params string[] alerts)
    {
        var (read, errors) = VideoAlertDocument.Read(Document(alerts), new VideoOptions(), Photos, _clock.GetUtcNow());
        Assert.Empty(errors);
        var (cameras, unknown) = await _take.FindCamerasAsync(read, CancellationToken.None);
        Assert.Empty(unknown);
        return await _take.TakeAsync(Client, read, cameras, durable, CancellationToken.None);
    }

    private string Alert(string camera, string kind, double confidence, DateTimeOffset at) => JsonSerializer.Serialize(
        new VideoAlertItem($"alert-{Guid.NewGuid():N}", camera == "nowhere" ? "cam-nowhere" : Camera(camera), kind, confidence, at, Convert.ToBase64String(Snapshot)),
        LygJsonContext.Default.VideoAlertItem);

    private static byte[] Document(params string[] alerts) => Encoding.UTF8.GetBytes($$"""{"alerts": [{{string.Join(",", alerts)}}]}""");

    /// <summary>A point <paramref name="metres"/> north of <paramref name="point"/>.</summary>
    private static GeoPoint Offset(GeoPoint point, double metres) => new(point.Lat + (metres / 111_320), point.Lon);

    private EventData Event(long sequence, string body, string? client = Client) => Event(sequence, Encoding.UTF8.GetBytes(body), client);

    private EventData Event(long sequence, byte[] body, string? client = Client) =>
        EventHubsModelFactory.EventData(
            new BinaryData(body), properties: client is null ? new Dictionary<string, object>() : new Dictionary<string, object> { [StreamSenders.ClientProperty] = client },
            sequenceNumber: sequence, offsetString: sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), enqueuedTime: _clock.GetUtcNow());
}
