using Lyg.Contracts;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using Lyg.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Orchestrations.Tests.Cases;

/// <summary>
/// The case workflow as a clock, on the in-memory durable host with stage limits of seconds: the ladder fires on
/// its own, pauses with the stored clock, follows a new stage, and ends with the case.
/// </summary>
public sealed class CaseOrchestratorTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Reminder at half the limit, urging at the deadline, two supervision slips a second apart.</summary>
    private static readonly SupervisionLadder Ladder = new(0.5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(5));

    private readonly InMemoryCaseWorkflowStore _store = new();
    private DurableTaskTestHost _host = null!;

    private DurableTaskClient Client => _host.Client;

    public async Task InitializeAsync() =>
        _host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddCaseWorkflow(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services => services
                    .AddSingleton<ICaseWorkflowStore>(_store)
                    .AddSingleton(new CalendarInForce(WorkingCalendar.LoadDefault())),
            });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_ladder_issues_reminder_urging_and_capped_supervision_slips_in_order_and_on_time()
    {
        var caseId = await StartAsync(Facts(CaseState.Dispatched, Clock(CaseStage.Handle, seconds: 2), unit: "water-co"));

        var slips = await Poll.UntilAsync(() => Task.FromResult(_store.SlipsOf(caseId)), s => s.Count == 4, Patience, "four slips");

        Assert.Equal([SlipKind.Reminder, SlipKind.Urging, SlipKind.Supervision, SlipKind.Supervision], slips.Select(s => s.Kind));
        Assert.Equal([1, 2, 3, 4], slips.Select(s => s.Number));
        var clock = _store.FactsOf(caseId).Clock!;
        Assert.True(slips[0].IssuedAt >= clock.StartedAt.AddSeconds(1), "the reminder waits for half the limit");
        Assert.True(slips[1].IssuedAt >= clock.Deadline, "urging waits for the deadline");
        Assert.True(slips[2].IssuedAt >= clock.Deadline.AddSeconds(1) && slips[3].IssuedAt >= clock.Deadline.AddSeconds(2));
        Assert.All(slips, s => Assert.Equal(("water-co", "handle"), (s.AddressedTo, s.Stage)));

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(4, _store.SlipsOf(caseId).Count);
    }

    [Fact]
    public async Task Activities_that_fail_transiently_are_retried_and_the_ladder_completes()
    {
        _store.FailNext(3);
        var caseId = await StartAsync(Facts(CaseState.Dispatched, Clock(CaseStage.Handle, seconds: 2), unit: "water-co"));

        var slips = await Poll.UntilAsync(() => Task.FromResult(_store.SlipsOf(caseId)), s => s.Count == 4, Patience, "four slips despite the blips");

        Assert.Equal(3, _store.Failed);
        Assert.Equal([1, 2, 3, 4], slips.Select(s => s.Number));
        var instance = await Client.GetInstanceAsync(CaseWorkflowNames.InstanceId(caseId));
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
    }

    [Fact]
    public async Task A_paused_clock_issues_nothing_until_it_runs_again()
    {
        var clock = Clock(CaseStage.Handle, seconds: 2);
        var caseId = await StartAsync(Facts(CaseState.Suspended, clock with { PausedAt = clock.StartedAt }, unit: "gas-co"));

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Empty(_store.SlipsOf(caseId));

        var resumedAt = DateTimeOffset.UtcNow;
        _store.Save(caseId, Facts(CaseState.Dispatched, clock with { StartedAt = resumedAt, Deadline = resumedAt.AddSeconds(2) }, unit: "gas-co"));
        await NudgeAsync(caseId);

        var slips = await Poll.UntilAsync(() => Task.FromResult(_store.SlipsOf(caseId)), s => s.Any(x => x.Kind == SlipKind.Urging), Patience, "urging after resume");
        Assert.All(slips, s => Assert.True(s.IssuedAt >= resumedAt));
    }

    [Fact]
    public async Task A_new_stage_gets_its_own_ladder_and_closing_ends_the_workflow()
    {
        var caseId = await StartAsync(Facts(CaseState.Reported, Clock(CaseStage.Register, seconds: 1)));
        await Poll.UntilAsync(() => Task.FromResult(_store.SlipsOf(caseId)), s => s.Any(x => x.Kind == SlipKind.Urging), Patience, "register-stage urging");

        var handle = Clock(CaseStage.Handle, seconds: 60) with { Sequence = 2 };
        _store.Save(caseId, Facts(CaseState.Dispatched, handle, unit: "water-co"));
        await NudgeAsync(caseId);
        var status = await Poll.UntilAsync(
            () => Client.GetInstanceAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true),
            i => i?.ReadCustomStatusAs<CaseWorkflowStatus>()?.Stage == "handle",
            Patience,
            "the handle stage in the custom status");
        Assert.Equal(handle.Deadline, status!.ReadCustomStatusAs<CaseWorkflowStatus>()!.Deadline);
        Assert.All(_store.SlipsOf(caseId), s => Assert.Contains("-s01-", s.SlipId, StringComparison.Ordinal));

        _store.Save(caseId, Facts(CaseState.Closed, null, unit: "water-co"));
        await NudgeAsync(caseId);
        using var timeout = new CancellationTokenSource(Patience);
        var finished = await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(CaseState.Closed, finished.ReadOutputAs<CaseOutcome>()!.State);
    }

    [Fact]
    public async Task A_lost_nudge_is_made_good_when_the_timer_fires()
    {
        var caseId = await StartAsync(Facts(CaseState.Reported, Clock(CaseStage.Register, seconds: 2)));

        // The action committed to storage but the host died before raising the nudge.
        _store.Save(caseId, Facts(CaseState.Voided, null));

        using var timeout = new CancellationTokenSource(Patience);
        var finished = await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(CaseState.Voided, finished.ReadOutputAs<CaseOutcome>()!.State);
        Assert.DoesNotContain(_store.SlipsOf(caseId), s => s.Kind != SlipKind.Reminder);
    }

    [Fact]
    public async Task A_merged_case_ends_its_workflow_as_a_closed_one_does_with_no_more_slips()
    {
        var caseId = await StartAsync(Facts(CaseState.Reported, Clock(CaseStage.Register, seconds: 60)));

        _store.Save(caseId, Facts(CaseState.Merged, null) with { MergedInto = "LYG-20261201-000001" });
        await NudgeAsync(caseId);

        using var timeout = new CancellationTokenSource(Patience);
        var finished = await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(CaseState.Merged, finished.ReadOutputAs<CaseOutcome>()!.State);
        Assert.Empty(_store.SlipsOf(caseId));
    }

    [Fact]
    public async Task A_workflow_started_before_its_case_is_stored_waits_for_it_and_supervises_it()
    {
        var caseId = await StartWithoutCaseAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        _store.Save(caseId, Facts(CaseState.Reported, Clock(CaseStage.Register, seconds: 1)));

        var slips = await Poll.UntilAsync(() => Task.FromResult(_store.SlipsOf(caseId)), s => s.Count == 4, Patience, "the ladder of the late case");
        Assert.Equal([SlipKind.Reminder, SlipKind.Urging, SlipKind.Supervision, SlipKind.Supervision], slips.Select(s => s.Kind));
    }

    [Fact]
    public async Task A_case_never_stored_ends_its_workflow_after_the_grace_without_failing()
    {
        var caseId = await StartWithoutCaseAsync(TimeSpan.FromSeconds(3));

        using var timeout = new CancellationTokenSource(Patience);
        var finished = await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Null(finished.ReadOutputAs<CaseOutcome>()!.State);
        Assert.True(finished.LastUpdatedAt - finished.CreatedAt >= TimeSpan.FromSeconds(3), "the workflow waits out the grace");
    }

    [Fact]
    public async Task A_case_never_stored_is_read_four_times_in_its_grace_and_not_every_few_seconds()
    {
        var caseId = await StartWithoutCaseAsync(TimeSpan.FromSeconds(12));

        using var timeout = new CancellationTokenSource(Patience);
        await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), timeout.Token);

        // At start, after 1 s, after 10 s more, and at the end of the grace (reading every 1, 2, 4, 8 s would be five).
        Assert.Equal(4, _store.ReadsOf(caseId));
    }

    [Fact]
    public async Task A_case_stored_late_is_supervised_at_the_nudge_of_the_retry_that_stored_it()
    {
        var caseId = await StartWithoutCaseAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        _store.Save(caseId, Facts(CaseState.Reported, Clock(CaseStage.Register, seconds: 60)));
        await NudgeAsync(caseId);

        // Read at the nudge, well before the 10 s recheck.
        await Poll.UntilAsync(
            async () => (await Client.GetInstanceAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true))?.SerializedCustomStatus,
            status => status is not null, TimeSpan.FromSeconds(6), "the reading at the nudge");
    }

    [Fact]
    public async Task A_workflow_started_on_the_reading_of_its_new_case_reads_storage_only_when_it_wakes()
    {
        var facts = Facts(CaseState.Reported, Clock(CaseStage.Register, seconds: 60));
        var caseId = await StartOnReadingAsync(facts, store: true);

        var status = await Poll.UntilAsync(
            async () => (await Client.GetInstanceAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true))?.ReadCustomStatusAs<CaseWorkflowStatus>(),
            s => s is not null, Patience, "the status from the reading it started on");
        Assert.Equal(("register", facts.Clock!.Deadline), (status!.Stage, status.Deadline));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, _store.ReadsOf(caseId));

        _store.Save(caseId, facts with { State = CaseState.Voided, Clock = null });
        await NudgeAsync(caseId);
        using var timeout = new CancellationTokenSource(Patience);
        var finished = await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(CaseState.Voided, finished.ReadOutputAs<CaseOutcome>()!.State);
        Assert.Equal(1, _store.ReadsOf(caseId));
    }

    [Fact]
    public async Task A_workflow_started_on_the_reading_of_a_case_never_stored_ends_at_its_first_wake_without_failing()
    {
        var caseId = await StartOnReadingAsync(Facts(CaseState.Reported, Clock(CaseStage.Register, seconds: 2)), store: false);

        using var timeout = new CancellationTokenSource(Patience);
        var finished = await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Null(finished.ReadOutputAs<CaseOutcome>()!.State);
        Assert.Empty(_store.SlipsOf(caseId));
        Assert.Equal(1, _store.ReadsOf(caseId));
    }

    [Fact]
    public async Task A_case_that_disappears_from_storage_fails_the_workflow_instead_of_waiting_forever()
    {
        var caseId = await StartAsync(Facts(CaseState.Reported, Clock(CaseStage.Register, seconds: 60)));
        await Poll.UntilAsync(
            async () => (await Client.GetInstanceAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true))?.SerializedCustomStatus, status => status is not null, Patience, "the first reading");

        _store.Remove(caseId);
        await Client.RaiseEventAsync(CaseWorkflowNames.InstanceId(caseId), CaseWorkflowNames.StateChangedEvent, new CaseStateChanged(CaseState.Voided));

        using var timeout = new CancellationTokenSource(Patience);
        var finished = await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, finished.RuntimeStatus);
        Assert.Contains("disappeared", finished.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    private static StageClock Clock(CaseStage stage, double seconds)
    {
        var now = DateTimeOffset.UtcNow;
        return new StageClock(stage, 1, now, new TimeLimit(ClockKind.ContinuousHours, seconds / 3600), now.AddSeconds(seconds), null);
    }

    private static CaseFacts Facts(CaseState state, StageClock? clock, string? unit = null) =>
        new(state, "citizen-1", "0101", Urgency.Normal, unit, 0, null, false, null, clock, null);

    private async Task<string> StartAsync(CaseFacts facts)
    {
        var caseId = "LYG-TEST-" + Guid.NewGuid().ToString("N");
        _store.Save(caseId, facts);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CaseOrchestrator), new CaseWorkflowInput(caseId, Ladder), new StartOrchestrationOptions(CaseWorkflowNames.InstanceId(caseId)));
        return caseId;
    }

    /// <summary>As a first intake starts it: on the reading of the case it is about to store (or, failing, never stores).</summary>
    private async Task<string> StartOnReadingAsync(CaseFacts facts, bool store)
    {
        var caseId = "LYG-TEST-" + Guid.NewGuid().ToString("N");
        if (store)
        {
            _store.Save(caseId, facts);
        }

        var expected = CaseClockReading.Of(caseId, facts, [], Ladder, WorkingCalendar.LoadDefault());
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CaseOrchestrator), new CaseWorkflowInput(caseId, Ladder, TimeSpan.FromSeconds(30), expected), new StartOrchestrationOptions(CaseWorkflowNames.InstanceId(caseId)));
        return caseId;
    }

    private async Task<string> StartWithoutCaseAsync(TimeSpan intakeGrace)
    {
        var caseId = "LYG-TEST-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CaseOrchestrator), new CaseWorkflowInput(caseId, Ladder, intakeGrace), new StartOrchestrationOptions(CaseWorkflowNames.InstanceId(caseId)));
        return caseId;
    }

    private Task NudgeAsync(string caseId) =>
        Client.RaiseEventAsync(CaseWorkflowNames.InstanceId(caseId), CaseWorkflowNames.StateChangedEvent, new CaseStateChanged(_store.FactsOf(caseId).State));
}
