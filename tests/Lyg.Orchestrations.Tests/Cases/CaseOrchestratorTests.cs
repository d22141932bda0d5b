using Lyg.Contracts;
using Lyg.Orchestrations.Cases;
using Lyg.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Orchestrations.Tests.Cases;

/// <summary>The registration stage on the in-memory durable host, with durations shrunk to seconds.</summary>
public sealed class CaseOrchestratorTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly InMemoryCaseWorkflowStore _store = new();
    private DurableTaskTestHost _host = null!;

    private DurableTaskClient Client => _host.Client;

    public async Task InitializeAsync() =>
        _host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddCaseWorkflow(),
            new DurableTaskTestHostOptions { ConfigureServices = services => services.AddSingleton<ICaseWorkflowStore>(_store) });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(CaseState.Registered)]
    [InlineData(CaseState.Voided)]
    public async Task A_state_change_before_the_deadline_ends_the_stage_without_slips(CaseState decided)
    {
        var caseId = await StartAsync(limit: TimeSpan.FromMinutes(5), interval: TimeSpan.FromMinutes(5), maxReminders: 3);

        _store.SetState(caseId, decided);
        await Client.RaiseEventAsync(CaseWorkflowNames.InstanceId(caseId), CaseWorkflowNames.StateChangedEvent, new CaseStateChanged(decided));

        var outcome = await CompletionAsync(caseId);
        Assert.Equal(decided, outcome.State);
        Assert.Empty(_store.SlipsOf(caseId));
    }

    [Fact]
    public async Task While_waiting_the_custom_status_shows_the_stage_and_its_deadline()
    {
        var before = DateTimeOffset.UtcNow;
        var caseId = await StartAsync(limit: TimeSpan.FromMinutes(30), interval: TimeSpan.FromMinutes(30), maxReminders: 3);

        var instance = await Poll.UntilAsync(
            () => Client.GetInstanceAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true),
            i => i?.SerializedCustomStatus is not null,
            Patience,
            "a custom status");

        var status = instance!.ReadCustomStatusAs<CaseWorkflowStatus>()!;
        Assert.Equal(CaseWorkflowNames.RegistrationStage, status.Stage);
        Assert.InRange(status.Deadline, before + TimeSpan.FromMinutes(30), DateTimeOffset.UtcNow + TimeSpan.FromMinutes(30));
        Assert.Equal(0, status.SlipsIssued);
    }

    [Fact]
    public async Task When_the_limit_passes_numbered_reminders_are_issued_up_to_the_cap_and_the_wait_goes_on()
    {
        var caseId = await StartAsync(limit: TimeSpan.FromSeconds(1), interval: TimeSpan.FromSeconds(1), maxReminders: 2);

        var slips = await Poll.UntilAsync(() => Task.FromResult(_store.SlipsOf(caseId)), s => s.Count == 2, Patience, "two reminder slips");

        Assert.Equal([1, 2], slips.Select(s => s.Number));
        Assert.All(slips, slip =>
        {
            Assert.Equal(SlipKind.Reminder, slip.Kind);
            Assert.Equal(CaseWorkflowNames.RegistrationStage, slip.Stage);
            Assert.Equal(CaseWorkflowNames.CenterDesk, slip.AddressedTo);
            Assert.True(slip.IssuedAt >= slip.Deadline, "a reminder is issued only once the deadline has passed");
        });
        Assert.Single(slips.Select(s => s.Deadline).Distinct());
        Assert.True(slips[1].IssuedAt - slips[0].IssuedAt >= TimeSpan.FromSeconds(1), "reminders repeat at the interval");

        // Past the cap no further slip is written, but the workflow is still waiting for registration.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(2, _store.SlipsOf(caseId).Count);
        var running = await Client.GetInstanceAsync(CaseWorkflowNames.InstanceId(caseId));
        Assert.Equal(OrchestrationRuntimeStatus.Running, running!.RuntimeStatus);

        _store.SetState(caseId, CaseState.Registered);
        await Client.RaiseEventAsync(CaseWorkflowNames.InstanceId(caseId), CaseWorkflowNames.StateChangedEvent, new CaseStateChanged(CaseState.Registered));
        Assert.Equal(CaseState.Registered, (await CompletionAsync(caseId)).State);
    }

    [Fact]
    public async Task A_lost_event_is_recovered_from_storage_when_the_timer_fires()
    {
        var caseId = await StartAsync(limit: TimeSpan.FromSeconds(1), interval: TimeSpan.FromSeconds(1), maxReminders: 3);

        // The action committed to storage but the host died before raising the event.
        _store.SetState(caseId, CaseState.Registered);

        var outcome = await CompletionAsync(caseId);
        Assert.Equal(CaseState.Registered, outcome.State);
        Assert.Empty(_store.SlipsOf(caseId));
    }

    [Fact]
    public async Task A_case_missing_from_storage_fails_the_workflow_instead_of_waiting_forever()
    {
        var caseId = "missing-" + Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CaseOrchestrator),
            new CaseWorkflowInput(caseId, new StageTiming(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1)),
            new StartOrchestrationOptions(CaseWorkflowNames.InstanceId(caseId)));

        using var timeout = new CancellationTokenSource(Patience);
        var finished = await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, finished.RuntimeStatus);
        Assert.Contains("disappeared", finished.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    private async Task<string> StartAsync(TimeSpan limit, TimeSpan interval, int maxReminders)
    {
        var caseId = "LYG-TEST-" + Guid.NewGuid().ToString("N");
        _store.SetState(caseId, CaseState.Reported);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CaseOrchestrator),
            new CaseWorkflowInput(caseId, new StageTiming(limit, interval, maxReminders)),
            new StartOrchestrationOptions(CaseWorkflowNames.InstanceId(caseId)));
        return caseId;
    }

    private async Task<CaseOutcome> CompletionAsync(string caseId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var finished = await Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(caseId), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        return finished.ReadOutputAs<CaseOutcome>()!;
    }
}
