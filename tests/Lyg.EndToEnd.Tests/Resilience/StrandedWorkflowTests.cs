using System.Globalization;
using System.Text.RegularExpressions;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Resilience;

/// <summary>
/// A case's workflow terminated from outside (by hand, with the Durable Task client on the task hub): the sweeper
/// finds the open case without a running workflow and restarts it, and the ladder goes on where it stopped — every
/// slip once, numbered in order.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class StrandedWorkflowTests(HubFixture hub)
{
    private const string TaskHub = "e2esweep";

    [Fact]
    public async Task A_terminated_workflow_of_an_open_case_is_restarted_by_the_sweeper_with_its_ladder_intact()
    {
        var settings = HubFixture.ShortTimings();
        settings["CaseWorkflow__SweepInterval"] = "00:00:02";
        await using var host = await StandaloneHost.StartAsync(hub.Azurite.ConnectionString, TaskHub, settings);
        var citizen = await host.ClientForAsync("citizen-sweep", Roles.Citizen);
        var supervisor = await host.ClientForAsync("supervisor-sweep", Roles.Supervisor);
        var caseId = await citizen.SubmitCaseAsync();
        await Poll.UntilAsync(() => supervisor.GetCaseAsync(caseId), c => c.Slips.Count >= 1, TimeSpan.FromSeconds(30), "the first slip");

        await TerminateAsync(caseId);
        var restarted = $"Case {caseId} was open without a running workflow";
        await Poll.UntilAsync(() => Task.FromResult(host.RecentOutput), o => o.Contains(restarted, StringComparison.Ordinal), TimeSpan.FromSeconds(120), "the sweeper's restart");

        var resumed = await Poll.UntilAsync(
            () => supervisor.GetCaseAsync(caseId), c => c.Slips.Count == HubFixture.SlipsPerStage && c.Workflow?.Status == "running", TimeSpan.FromSeconds(60), "the ladder after the sweep");
        Assert.Equal([1, 2, 3, 4], resumed.Slips.Select(s => s.Number));
        Assert.Equal(resumed.Slips.Count, resumed.Slips.Select(s => s.SlipId).Distinct().Count());

        // The sweep asks the task hub about a day of cases in one query: once their workflows run, a pass finds them there
        // and looks at fewer cases alone than it checks (with a lookup per case it would look at every one).
        await Poll.UntilAsync(() => Task.FromResult(host.RecentOutput), AnySweepFoundRunningWorkflows, TimeSpan.FromSeconds(30), "a sweep that found running workflows by its query");
    }

    private static bool AnySweepFoundRunningWorkflows(string output) =>
        Regex.Matches(output, @"Sweep: (\d+) open cases checked with \d+ task hub queries and (\d+) single lookups")
            .Any(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) < int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    private async Task TerminateAsync(string caseId)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(hub.Azurite.ConnectionString),
        });
        await new TaskHubClient(service).TerminateInstanceAsync(new OrchestrationInstance { InstanceId = $"case-{caseId}" }, "terminated by the test");
    }
}
