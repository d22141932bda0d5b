using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Maintenance;
using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Maintenance;

[Collection(AzuriteDefinition.Name)]
public sealed class ResumeStrandedWorkflowsTests(AzuriteFixture azurite)
{
    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly CaseWorkflowClient _workflows = new(Options.Create(new CaseWorkflowOptions()), CaseFixtures.Calendars);

    [Fact]
    public async Task Open_cases_whose_workflow_is_missing_failed_or_terminated_are_restarted_and_no_other()
    {
        await using var durable = new RecordingDurableClient();
        var running = await OpenCaseAsync(durable, OrchestrationRuntimeStatus.Running);
        var failed = await OpenCaseAsync(durable, OrchestrationRuntimeStatus.Failed);
        var terminated = await OpenCaseAsync(durable, OrchestrationRuntimeStatus.Terminated);
        var missing = await OpenCaseAsync(durable, null);
        var voided = await OpenCaseAsync(durable, null);
        await new CaseSteps(_cases, await UnitFixtures.NewStoreAsync(azurite)).TakeAsync(voided, new VoidCase(Clocks), Operator, """{"reason":"重复上报"}""", Morning);
        using var measurements = new HubMeasurements();

        var resumed = await new ResumeStrandedWorkflows(_cases, _workflows, NullLogger<ResumeStrandedWorkflows>.Instance).RunAsync(durable, CancellationToken.None);

        // The Cases table is shared with other tests, whose open cases the sweep restarts as well.
        Assert.True(resumed >= 3, $"{resumed} restarted");
        Assert.Equal(resumed, measurements.Sum(HubMetrics.WorkflowsResumedName));
        Assert.All([failed, terminated, missing], id => Assert.Equal(OrchestrationRuntimeStatus.Running, durable.Instances[Instance(id)].Status));
        Assert.Contains(Instance(failed), durable.Purged);
        Assert.Contains(Instance(terminated), durable.Purged);
        Assert.DoesNotContain(Instance(running), durable.Purged);
        Assert.False(durable.Instances.ContainsKey(Instance(voided)));
    }

    [Fact]
    public async Task A_pass_asks_the_task_hub_about_a_day_of_cases_at_once_and_looks_alone_only_at_workflows_not_running()
    {
        await using var durable = new RecordingDurableClient();
        var running = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            running.Add(Instance(await OpenCaseAsync(durable, OrchestrationRuntimeStatus.Running)));
        }

        var failed = await OpenCaseAsync(durable, OrchestrationRuntimeStatus.Failed);

        await new ResumeStrandedWorkflows(_cases, _workflows, NullLogger<ResumeStrandedWorkflows>.Instance).RunAsync(durable, CancellationToken.None);

        Assert.Equal(OrchestrationRuntimeStatus.Running, durable.Instances[Instance(failed)].Status);
        Assert.Contains(Instance(failed), durable.Reads);
        Assert.DoesNotContain(durable.Reads, running.Contains);
        // The 31 cases share one day prefix (TEST-); other tests' open cases in the shared table add their own days.
        Assert.True(durable.Queries < running.Count, $"{durable.Queries} queries");
    }

    [Fact]
    public async Task A_restarted_workflow_keeps_its_ladder_and_reads_its_stored_case_instead_of_the_reading_its_intake_started_it_on()
    {
        await using var durable = new RecordingDurableClient();
        var caseId = AzuriteFixture.NewCaseId();
        var reported = NewCase(caseId);
        await _workflows.StartForNewCaseAsync(durable, reported, CancellationToken.None);
        Assert.True(await _cases.CreateAsync(reported, CancellationToken.None));
        var started = Assert.IsType<CaseWorkflowInput>(durable.Instances[Instance(caseId)].Input);
        Assert.NotNull(started.Expected);
        durable.EndAs(Instance(caseId), OrchestrationRuntimeStatus.Failed);

        Assert.True(await _workflows.RestartIfEndedAsync(durable, caseId, CancellationToken.None));

        var restarted = Assert.IsType<CaseWorkflowInput>(durable.Instances[Instance(caseId)].Input);
        Assert.Equal(started with { Expected = null }, restarted);
    }

    [Theory]
    [InlineData("LYG-20261201-000123", "LYG-20261201-")]
    [InlineData("LYG-20261201-100000", "LYG-20261201-")]
    [InlineData("LYG-20261202-000001", "LYG-20261202-")]
    [InlineData("nodash", "")]
    public void A_day_prefix_is_the_id_before_its_number(string caseId, string prefix) =>
        Assert.Equal(prefix, ResumeStrandedWorkflows.DayPrefix(caseId));

    private async Task<string> OpenCaseAsync(RecordingDurableClient durable, OrchestrationRuntimeStatus? workflow)
    {
        var caseId = AzuriteFixture.NewCaseId();
        var reported = NewCase(caseId);
        if (workflow is { } status)
        {
            await _workflows.StartForNewCaseAsync(durable, reported, CancellationToken.None);
            durable.EndAs(Instance(caseId), status);
        }

        Assert.True(await _cases.CreateAsync(reported, CancellationToken.None));

        return caseId;
    }

    private static string Instance(string caseId) => CaseWorkflowNames.InstanceId(caseId);
}
