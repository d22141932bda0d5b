using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Outbox;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Outbox;

/// <summary>Messages are written with the case change that causes them: never without it, never invented by one that failed.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class CaseOutboxTests(AzuriteFixture azurite)
{
    private readonly string _caseId = AzuriteFixture.NewCaseId();
    private readonly FakeTimeProvider _time = new(Morning);

    [Fact]
    public async Task Each_change_commits_its_message_row_in_the_case_partition_and_leaves_a_pointer_for_its_destination()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);

        Assert.True(await rig.Cases.CreateAsync(NewCase(_caseId), CancellationToken.None));
        await new CaseSteps(rig.Cases, null!).RegisterAsync(_caseId, Morning.AddMinutes(5));

        var pointers = await rig.PointersAsync();
        Assert.Equal([$"{_caseId}.00001.case-event", $"{_caseId}.00002.case-event"], pointers.Select(p => p.RowKey));
        Assert.All(pointers, p => Assert.False(p.GetBoolean("Dead")));
        var messages = await rig.MessageRowsAsync(_caseId);
        Assert.Equal([$"outbox-00001.case-event.{rig.Name}", $"outbox-00002.case-event.{rig.Name}"], messages.Select(m => m.RowKey));
        var registered = JsonSerializer.Deserialize(messages[1].GetString("Payload"), LygJsonContext.Default.CaseEvent)!;
        Assert.Equal(new CaseEvent("register", CaseState.Reported, CaseState.Registered, Roles.Operator, CaseSource.Citizen, Category, Urgency.Normal, null, 0, null), registered);
        // Personal data stays home: the reporter's subject appears in no payload.
        Assert.All(messages, m => Assert.DoesNotContain("citizen-1", m.GetString("Payload"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_is_written_for_changes_no_destination_subscribes_to()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time, events: CaseActionNames.Dispatch);

        await rig.Cases.CreateAsync(NewCase(_caseId), CancellationToken.None);
        await new CaseSteps(rig.Cases, null!).RegisterAsync(_caseId, Morning.AddMinutes(5));

        Assert.Empty(await rig.PointersAsync());
        Assert.Empty(await rig.MessageRowsAsync(_caseId));
    }

    [Fact]
    public async Task A_replayed_action_writes_no_second_message()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        await rig.Cases.CreateAsync(NewCase(_caseId), CancellationToken.None);
        var transition = await ActionDecisions.PrepareAsync(new RegisterCase(Clocks, Places), Operator, """{"categoryCode":"0201","urgency":"normal"}""", Morning, _caseId);
        var key = RequestKey.Create("action\nop-1\nregister", "same-key", new RegisterCaseRequest("0201", Urgency.Normal, null), LygJsonContext.Default.RegisterCaseRequest);

        Assert.Equal(TransitionOutcome.Applied, (await rig.Cases.TransitionAsync(_caseId, transition, key, CancellationToken.None)).Outcome);
        Assert.Equal(TransitionOutcome.Replayed, (await rig.Cases.TransitionAsync(_caseId, transition, key, CancellationToken.None)).Outcome);

        Assert.Equal(2, (await rig.PointersAsync()).Count);
        Assert.Equal(2, (await rig.MessageRowsAsync(_caseId)).Count);
    }

    [Fact]
    public async Task A_change_that_loses_its_race_after_writing_its_pointer_sends_nothing_of_its_own()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        await rig.Cases.CreateAsync(NewCase(_caseId), CancellationToken.None);
        var register = await ActionDecisions.PrepareAsync(new RegisterCase(Clocks, Places), Operator, """{"categoryCode":"0201","urgency":"normal"}""", Morning, _caseId);
        var voiding = await ActionDecisions.PrepareAsync(new VoidCase(Clocks), ShiftLead, """{"reason":"重复上报"}""", Morning, _caseId);

        // The void commits after the registration has read the case and written its pointer, just before its transaction.
        var options = new TableClientOptions();
        var competitor = new BeforeBatch(() => rig.Cases.TransitionAsync(_caseId, voiding, null, CancellationToken.None));
        options.AddPolicy(competitor, HttpPipelinePosition.PerCall);
        var loser = new CaseStore(new TableServiceClient(azurite.ConnectionString, options), rig.NewHost().GetRequiredService<CaseOutbox>());

        var lost = await loser.TransitionAsync(_caseId, register, null, CancellationToken.None);

        Assert.Equal(TransitionOutcome.Applied, competitor.Outcome);
        Assert.Equal(TransitionOutcome.StateConflict, lost.Outcome);
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        var actions = rig.Destination.Taken.Select(m => JsonSerializer.Deserialize(m.Body, LygJsonContext.Default.OutboxEnvelope)!)
            .Select(e => e.Payload.GetProperty("action").GetString());
        Assert.Equal(["report", "void"], actions);
        Assert.Empty(await rig.PointersAsync());
    }

    /// <summary>Runs the competing change once, right before the first table batch (a case transaction) goes out.</summary>
    private sealed class BeforeBatch(Func<Task<TransitionResult>> competing) : HttpPipelinePolicy
    {
        private int _fired;

        public TransitionOutcome? Outcome { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The store is asynchronous.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                Outcome = (await competing()).Outcome;
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
