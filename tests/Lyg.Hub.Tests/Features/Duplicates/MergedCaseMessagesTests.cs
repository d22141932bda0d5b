using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Notifications;
using Lyg.Hub.Features.Outbox;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Duplicates;

/// <summary>
/// What the merged cases hear when their main case closes, through the real outbox on Azurite to a real destination on
/// loopback: the merged citizen's notice and the merged 12345 order's 办结, each with an id of its own, written in the
/// close's own transaction.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class MergedCaseMessagesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Unit = "DEPT-CGJ";

    private readonly FakeTimeProvider _clock = new(Morning.AddHours(2));
    private readonly string _destination = "d-" + Guid.NewGuid().ToString("N")[..12];
    private DestinationServer _server = null!;
    private ServiceProvider _host = null!;
    private CaseStore _cases = null!;
    private UnitStore _units = null!;

    public async Task InitializeAsync()
    {
        _server = await DestinationServer.StartAsync();
        var key = $"{OutboxOptions.Section}:Destinations:{_destination}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{key}:Url"] = _server.Url.ToString(),
            [$"{key}:ClientId"] = "lyg-hub-test",
            [$"{key}:Secret"] = Convert.ToBase64String(new byte[32]),
            [$"{ReporterNoticesOptions.Section}:Destination"] = _destination,
        }).Build();
        _host = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton(azurite.Tables)
            .AddOutbox(configuration)
            .AddSingleton<ICaseMessageProducer>(sp => new HotlineFeedbackProducer(
                sp.GetRequiredService<OutboxDestinations>(), Options.Create(new HotlineOptions { FeedbackDestination = _destination })))
            .BuildServiceProvider();
        _cases = new CaseStore(azurite.Tables, _host.GetRequiredService<CaseOutbox>());
        _units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(_units, UnitFixtures.Unit(Unit));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_main_case_closing_tells_the_merged_citizen_and_sends_the_merged_order_its_own_closing_feedback()
    {
        var main = await CreateAsync("citizen-main", CaseSource.Citizen);
        var citizen = await CreateAsync("citizen-merged", CaseSource.Citizen);
        var order = await CreateAsync("dev-hotline12345", CaseSource.Hotline12345, "WO-MERGED-1");
        await MergeAsync(citizen, main);
        await MergeAsync(order, main);
        await new CaseSteps(_cases, _units).CloseAsync(main, Unit, Morning.AddHours(1));

        await DispatchAsync();

        var envelopes = _server.Taken.Select(m => (Message: m, Envelope: JsonSerializer.Deserialize(m.Body, LygJsonContext.Default.OutboxEnvelope)!)).ToList();
        var fromMain = envelopes.Where(e => e.Envelope.CaseId == main && e.Envelope.Kind.Contains("-merged-", StringComparison.Ordinal)).ToDictionary(e => e.Envelope.Kind);
        Assert.Equal(["hotline-closed-merged-2", "reporter-notice-merged-1"], fromMain.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(envelopes, e => e.Envelope.CaseId == main && e.Envelope.Kind == ReporterNotices.Kind
            && e.Envelope.Payload.Deserialize(LygJsonContext.Default.ReporterNotice)!.Status == CitizenStatus.Resolved);
        var merged = fromMain["reporter-notice-merged-1"];
        var notice = merged.Envelope.Payload.Deserialize(LygJsonContext.Default.ReporterNotice)!;
        Assert.Equal(
            ("citizen-merged", CitizenStatus.Resolved, "已办结", CitizenStatus.InProgress, citizen, main),
            (notice.ReporterSubject, notice.Status, notice.StatusText, notice.PreviousStatus, notice.CaseId, notice.MergedInto));
        var closed = fromMain["hotline-closed-merged-2"];
        var feedback = closed.Envelope.Payload.Deserialize(LygJsonContext.Default.HotlineFeedback)!;
        Assert.Equal(("WO-MERGED-1", HotlineFeedbackProducer.Closed, CaseState.Closed, "已清运"), (feedback.WorkOrderNo, feedback.Feedback, feedback.State, feedback.Result));
        Assert.Equal(closed.Envelope.Id, closed.Message.IdempotencyKey);
        Assert.NotEqual(merged.Message.IdempotencyKey, closed.Message.IdempotencyKey);
        Assert.Single(envelopes, e => e.Envelope.Kind.StartsWith(HotlineFeedbackProducer.Closed, StringComparison.Ordinal));

        // The merge itself told the merged citizen (still in progress, now followed through the main case).
        var mergeNotice = envelopes.Single(e => e.Envelope.CaseId == citizen && e.Envelope.Kind == ReporterNotices.Kind).Envelope.Payload
            .Deserialize(LygJsonContext.Default.ReporterNotice)!;
        Assert.Equal((CitizenStatus.InProgress, CitizenStatus.Received, main), (mergeNotice.Status, mergeNotice.PreviousStatus, mergeNotice.MergedInto));
        Assert.DoesNotContain(envelopes, e => e.Envelope.CaseId == order);
    }

    [Fact]
    public async Task A_case_merged_into_a_main_case_that_closed_meanwhile_hears_at_once_and_once()
    {
        var main = await CreateAsync("citizen-main", CaseSource.Citizen);
        var order = await CreateAsync("dev-hotline12345", CaseSource.Hotline12345, "WO-LATE-1");
        // The first step was taken while the main case was open; it closed before the second.
        var first = await ActionDecisions.PrepareAsync(new MergeCase(Clocks, _cases, _clock), Operator, $$"""{"intoCaseId":"{{main}}"}""", Morning, order);
        await _cases.TransitionAsync(order, first, null, CancellationToken.None);
        await new CaseSteps(_cases, _units).CloseAsync(main, Unit, Morning.AddHours(1));

        var merge = new MergeCase(Clocks, _cases, _clock);
        var command = new CaseCommand(order, CaseActionNames.Merge, Encoding.UTF8.GetBytes($$"""{"intoCaseId":"{{main}}"}"""), Operator);
        await merge.FollowUpAsync(command, CancellationToken.None);
        await merge.FollowUpAsync(command, CancellationToken.None);
        await DispatchAsync();

        var late = _server.Taken.Select(m => JsonSerializer.Deserialize(m.Body, LygJsonContext.Default.OutboxEnvelope)!)
            .Where(e => e.Kind == "hotline-closed-merged-1").ToList();
        var envelope = Assert.Single(late);
        Assert.Equal((main, "WO-LATE-1"), (envelope.CaseId, envelope.Payload.GetProperty("workOrderNo").GetString()));
    }

    [Fact]
    public void Nothing_is_told_for_a_change_that_does_not_close_the_main_case_and_kinds_carry_the_place()
    {
        MergedCase[] merged = [new("A", CaseSource.Citizen, "i", "s", null), new("B", CaseSource.Hotline12345, "i", "c", "WO-1")];
        var open = new CaseChange("M", 5, CaseActionNames.Dispatch, CaseState.Registered, Facts(CaseState.Dispatched), CaseSource.Citizen, null, Roles.Dispatcher, Morning, MergedCases: merged);
        var closing = open with { Action = CaseActionNames.Check, FromState = CaseState.Handled, Facts = Facts(CaseState.Closed) };
        var rated = closing with { Action = CaseActionNames.Rate, FromState = CaseState.Closed };

        Assert.Empty(MergedCaseMessages.ToTell(open));
        Assert.Equal([("A", 1), ("B", 2)], MergedCaseMessages.ToTell(closing).Select(m => (m.Case.CaseId, m.Ordinal)));
        Assert.Empty(MergedCaseMessages.ToTell(rated));
        Assert.Equal([("B", 2)], MergedCaseMessages.ToTell(rated with { Action = MergeCase.MainAction }).Select(m => (m.Case.CaseId, m.Ordinal)));
        Assert.True(OutboxMessageId.IsName(MergedCaseMessages.KindFor(ReporterNotices.Kind, MergeCase.MaxMergedCases)));
    }

    private async Task<string> CreateAsync(string reporter, CaseSource source, string? workOrder = null)
    {
        var caseId = AzuriteFixture.NewCaseId();
        var newCase = NewCase(caseId, reporter: reporter) with
        {
            Source = source,
            Links = workOrder is null ? null : [new CaseLink(HotlineTimeline.WorkOrderLink, $"dev-hotline12345/{workOrder}")],
        };
        Assert.True(await _cases.CreateAsync(newCase, CancellationToken.None));
        return caseId;
    }

    private async Task MergeAsync(string caseId, string into)
    {
        var commands = new CaseCommands(AllActions(_units, _cases), _cases, CaseFixtures.Claims(azurite.Tables, _cases, _clock), _clock);
        await using var durable = new RecordingDurableClient();
        var outcome = await commands.ApplyAsync(
            new CaseCommand(caseId, CaseActionNames.Merge, Encoding.UTF8.GetBytes($$"""{"intoCaseId":"{{into}}"}"""), Operator), durable, CancellationToken.None);
        Assert.Equal(new CaseCommandOutcome.Applied(CaseState.Merged), outcome);
    }

    private async Task DispatchAsync()
    {
        var dispatcher = _host.GetRequiredService<OutboxDispatcher>();
        var destination = _host.GetRequiredService<OutboxDestinations>().Find(_destination)!;
        for (var pass = 0; pass < 10; pass++)
        {
            await dispatcher.DispatchAsync(destination, CancellationToken.None);
        }
    }
}
