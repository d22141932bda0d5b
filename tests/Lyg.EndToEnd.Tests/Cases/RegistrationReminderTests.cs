using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Cases;

/// <summary>The registration limit passes on its own: the workflow on Azurite climbs the whole supervision ladder.</summary>
[Collection(HubSuite.Name)]
public sealed class RegistrationReminderTests(HubFixture hub)
{
    [Fact]
    public async Task An_unregistered_case_gets_reminder_urging_and_capped_supervision_slips_on_time()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-late", Roles.Citizen);
        var supervisor = await hub.Host.ClientForAsync("supervisor-late", Roles.Supervisor);
        var caseId = await citizen.SubmitCaseAsync();
        var stage = (await supervisor.GetCaseAsync(caseId)).Stage!;
        Assert.Equal(("register", HubFixture.StageLimit), (stage.Name, stage.Deadline - stage.StartedAt));

        var late = await Poll.UntilAsync(
            () => supervisor.GetCaseAsync(caseId), c => c.Slips.Count == HubFixture.SlipsPerStage, TimeSpan.FromSeconds(60), "the whole ladder");

        Assert.Equal([SlipKind.Reminder, SlipKind.Urging, SlipKind.Supervision, SlipKind.Supervision], late.Slips.Select(s => s.Kind));
        Assert.Equal([1, 2, 3, 4], late.Slips.Select(s => s.Number));
        Assert.All(late.Slips, slip => Assert.Equal(("register", "center", stage.Deadline), (slip.Stage, slip.AddressedTo, slip.Deadline)));
        Assert.True(late.Slips[0].IssuedAt >= stage.StartedAt + (HubFixture.StageLimit / 2), "the reminder waits for half the limit");
        Assert.True(late.Slips[1].IssuedAt >= stage.Deadline, "urging waits for the deadline");
        Assert.True(late.Slips[2].IssuedAt >= stage.Deadline + HubFixture.SupervisionInterval, "the first supervision waits one interval past the deadline");
        Assert.True(late.Slips[3].IssuedAt >= stage.Deadline + (HubFixture.SupervisionInterval * 2), "the second waits two");
        Assert.Equal(TrafficLight.Overdue, late.Stage!.Light);
        Assert.Equal(CaseState.Reported, late.State);

        // Past the cap nothing more is issued, but registration still moves the case on to its dispatch stage.
        await Task.Delay(HubFixture.SupervisionInterval * 3);
        Assert.Equal(HubFixture.SlipsPerStage, (await supervisor.GetCaseAsync(caseId)).Slips.Count);
        var operatorClient = await hub.Host.ClientForAsync("operator-late", Roles.Operator);
        using var registered = await operatorClient.RegisterAsync(caseId);
        var dispatching = await Poll.UntilAsync(() => supervisor.GetCaseAsync(caseId), c => c.Workflow?.Stage == "dispatch", TimeSpan.FromSeconds(30), "the dispatch stage");
        Assert.Equal(("dispatch", 2), (dispatching.Stage!.Name, dispatching.Stage.Sequence));
    }
}
