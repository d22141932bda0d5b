using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Cases;

/// <summary>The registration limit passes on its own: the workflow on Azurite issues numbered reminders up to the cap.</summary>
[Collection(HubSuite.Name)]
public sealed class RegistrationReminderTests(HubFixture hub)
{
    [Fact]
    public async Task An_unregistered_case_gets_numbered_reminders_after_its_limit_up_to_the_cap()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-late", Roles.Citizen);
        var supervisor = await hub.Host.ClientForAsync("supervisor-late", Roles.Supervisor);
        var caseId = await citizen.SubmitCaseAsync();
        var reported = (await supervisor.GetCaseAsync(caseId)).ReportedAt;

        var late = await Poll.UntilAsync(
            () => supervisor.GetCaseAsync(caseId), c => c.Slips.Count == HubFixture.MaxReminders, TimeSpan.FromSeconds(60), "the capped reminders");

        Assert.Equal([1, 2], late.Slips.Select(s => s.Number));
        Assert.All(late.Slips, slip =>
        {
            Assert.Equal((SlipKind.Reminder, "register", "center"), (slip.Kind, slip.Stage, slip.AddressedTo));
            Assert.InRange(slip.Deadline - reported, HubFixture.RegistrationLimit, HubFixture.RegistrationLimit + TimeSpan.FromSeconds(5));
            Assert.True(slip.IssuedAt >= slip.Deadline, $"slip {slip.Number} issued at {slip.IssuedAt:O}, before its deadline {slip.Deadline:O}");
        });
        Assert.True(late.Slips[1].IssuedAt - late.Slips[0].IssuedAt >= HubFixture.ReminderInterval, "reminders repeat at the interval, not sooner");
        Assert.Equal(CaseState.Reported, late.State);
        Assert.Equal("running", late.Workflow?.Status);

        // Past the cap the wait goes on without further slips, and registration still ends it.
        await Task.Delay(HubFixture.ReminderInterval * 3);
        Assert.Equal(HubFixture.MaxReminders, (await supervisor.GetCaseAsync(caseId)).Slips.Count);
        var operatorClient = await hub.Host.ClientForAsync("operator-late", Roles.Operator);
        using var registered = await operatorClient.RegisterAsync(caseId);
        await Poll.UntilAsync(() => supervisor.GetCaseAsync(caseId), c => c.Workflow?.Status == "completed", TimeSpan.FromSeconds(30), "the stage to end");
    }
}
