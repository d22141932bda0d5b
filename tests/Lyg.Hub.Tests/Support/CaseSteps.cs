using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Support;

/// <summary>Moves a stored case along its lifecycle with the real actions, as the action handler would; every step must apply.</summary>
internal sealed class CaseSteps(CaseStore cases, UnitStore units)
{
    public async Task TakeAsync(string caseId, ICaseAction action, Caller caller, string body, DateTimeOffset at)
    {
        var transition = await ActionDecisions.PrepareAsync(action, caller, body, at, caseId);
        var result = await cases.TransitionAsync(caseId, transition, null, CancellationToken.None);
        Assert.True(result.Outcome == TransitionOutcome.Applied, $"{transition.Action} on {caseId}: {result.Outcome} {result.Detail}");
    }

    public Task RegisterAsync(string caseId, DateTimeOffset at) =>
        TakeAsync(caseId, new RegisterCase(Clocks, Places), Operator, $$"""{"categoryCode":"{{Category}}","urgency":"normal","reason":"核实属实"}""", at);

    /// <summary>Registers and dispatches; <paramref name="unit"/> must be an active unit of the store.</summary>
    public async Task DispatchAsync(string caseId, string unit, DateTimeOffset at)
    {
        await RegisterAsync(caseId, at);
        await TakeAsync(caseId, new DispatchCase(Clocks, units, cases, SampleRouting), Dispatcher, $$"""{"unitCode":"{{unit}}"}""", at);
    }

    public async Task AcceptAsync(string caseId, string unit, DateTimeOffset at)
    {
        await DispatchAsync(caseId, unit, at);
        await TakeAsync(caseId, new AcceptCase(Clocks), UnitStaff(unit), "{}", at);
    }

    public async Task CloseAsync(string caseId, string unit, DateTimeOffset at)
    {
        await AcceptAsync(caseId, unit, at);
        await TakeAsync(caseId, new CompleteCase(Clocks), UnitStaff(unit), """{"result":"已清运"}""", at);
        await TakeAsync(caseId, new CheckCase(Clocks), Inspector, """{"passed":true}""", at);
    }
}
