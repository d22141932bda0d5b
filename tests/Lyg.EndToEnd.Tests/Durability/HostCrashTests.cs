using System.Diagnostics;
using System.Net;
using Lyg.Contracts;
using Lyg.Testing;
using Xunit.Abstractions;

namespace Lyg.EndToEnd.Tests.Durability;

/// <summary>
/// kill -9 of the standalone host while a case waits in its registration stage: after a restart over the same
/// Azurite the durable timer still fires, each reminder exists once, and the case can be registered.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class HostCrashTests(HubFixture hub, ITestOutputHelper output)
{
    [Fact]
    public async Task A_waiting_case_survives_kill_9_and_its_timers_fire_after_restart()
    {
        await using var host = await StandaloneHost.StartAsync(hub.Azurite.ConnectionString, "e2ecrash", HubFixture.ShortTimings());
        var citizen = await host.ClientForAsync("citizen-crash", Roles.Citizen);
        var caseId = await citizen.SubmitCaseAsync();
        var staff = await host.ClientForAsync("operator-crash", Roles.Operator);
        await Poll.UntilAsync(() => staff.GetCaseAsync(caseId), c => c.Workflow?.Stage == "register", TimeSpan.FromSeconds(30), "the workflow to wait");

        host.KillHard();
        var restart = Stopwatch.StartNew();
        await host.RestartAsync();
        output.WriteLine($"restart to healthy: {restart.Elapsed.TotalSeconds:F1} s");

        var supervisor = await host.ClientForAsync("supervisor-crash", Roles.Supervisor);
        CaseView late;
        try
        {
            late = await Poll.UntilAsync(
                () => supervisor.GetCaseAsync(caseId), c => c.Slips.Count == HubFixture.SlipsPerStage, TimeSpan.FromSeconds(90), "the ladder after the restart");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + Environment.NewLine + "Host output:" + Environment.NewLine + host.RecentOutput, ex);
        }

        output.WriteLine($"restart to last reminder: {restart.Elapsed.TotalSeconds:F1} s");

        Assert.Equal([1, 2, 3, 4], late.Slips.Select(s => s.Number));
        Assert.Equal(late.Slips.Count, late.Slips.Select(s => s.SlipId).Distinct().Count());

        var operatorClient = await host.ClientForAsync("operator-crash", Roles.Operator);
        using var registered = await operatorClient.RegisterAsync(caseId);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var moved = await Poll.UntilAsync(() => supervisor.GetCaseAsync(caseId), c => c.Workflow?.Stage == "dispatch", TimeSpan.FromSeconds(60), "the next stage after the restart");
        Assert.Equal(CaseState.Registered, moved.State);
        Assert.Equal(HubFixture.SlipsPerStage, moved.Slips.Count(s => s.Stage == "register"));
    }
}
