using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

/// <summary>The rules every action of the responsible unit shares: only the assigned unit's staff, only in the action's states.</summary>
public sealed class UnitActionsTests
{
    private const string Assigned = "DEPT-CGJ";
    private static readonly DateTimeOffset Now = Morning.AddHours(2);

    private static readonly CaseState[] Lifecycle =
    [
        CaseState.Reported, CaseState.Registered, CaseState.Voided, CaseState.Dispatched, CaseState.Accepted,
        CaseState.Returned, CaseState.Handled, CaseState.Closed, CaseState.Suspended,
    ];

    private static readonly Dictionary<string, (ICaseAction Action, string Body, CaseState[] From)> Actions = new()
    {
        [CaseActionNames.Accept] = (new AcceptCase(Clocks), "{}", [CaseState.Dispatched]),
        [CaseActionNames.Complete] = (new CompleteCase(Clocks), """{"result":"已清运"}""", [CaseState.Accepted]),
        [CaseActionNames.Return] = (new ReturnCase(Clocks), """{"reason":"不属于本单位职责"}""", [CaseState.Dispatched, CaseState.Accepted]),
        [CaseActionNames.RequestPostponement] = (
            new RequestPostponement(Clocks), """{"extraWorkingDays":2,"reason":"等待配件"}""", [CaseState.Dispatched, CaseState.Accepted]),
        [CaseActionNames.RequestSuspension] = (new RequestSuspension(Clocks), """{"reason":"需要专项资金"}""", [CaseState.Dispatched, CaseState.Accepted]),
    };

    public static TheoryData<string> Names => new(Actions.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Only_unit_staff_take_the_action(string name)
    {
        Assert.Equal(name, Actions[name].Action.Name);
        Assert.Equal(new HashSet<string> { Roles.Unit }, Actions[name].Action.AllowedRoles.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_assigned_units_staff_may_act_in_the_actions_states(string name)
    {
        var (action, body, from) = Actions[name];
        foreach (var state in from)
        {
            await ActionDecisions.AllowedAsync(action, UnitStaff(Assigned), body, Facts(state, Assigned), Now);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Staff_of_another_unit_do_not_see_the_case(string name)
    {
        var (action, body, from) = Actions[name];
        foreach (var state in from)
        {
            await ActionDecisions.RefusedAsync(TransitionOutcome.NotFound, action, UnitStaff("DEPT-OTHER"), body, Facts(state, Assigned), Now);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Staff_who_see_the_case_in_another_role_are_still_not_its_unit(string name)
    {
        var (action, body, from) = Actions[name];
        var alsoInspector = Person("unit-inspector-1", Roles.Unit, Roles.Inspector) with { Unit = "DEPT-OTHER" };

        var detail = await ActionDecisions.RefusedAsync(TransitionOutcome.NotPermitted, action, alsoInspector, body, Facts(from[0], Assigned), Now);

        Assert.Equal("The case is not dispatched to unit DEPT-OTHER.", detail);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_case_with_no_unit_is_no_units_to_act_on(string name)
    {
        var (action, body, _) = Actions[name];

        await ActionDecisions.RefusedAsync(TransitionOutcome.NotFound, action, UnitStaff(Assigned), body, Facts(CaseState.Registered), Now);
        await ActionDecisions.RefusedAsync(TransitionOutcome.NotFound, action, UnitStaff(Assigned), body, Facts(CaseState.Returned), Now);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_assigned_unit_is_refused_in_any_other_state(string name)
    {
        var (action, body, from) = Actions[name];
        foreach (var state in Lifecycle.Except(from))
        {
            var facts = Facts(state) with { AssignedUnit = Assigned };

            var detail = await ActionDecisions.RefusedAsync(TransitionOutcome.StateConflict, action, UnitStaff(Assigned), body, facts, Now);

            Assert.StartsWith($"The case is {state.ToString().ToLowerInvariant()}; '{name}' is allowed only when", detail, StringComparison.Ordinal);
        }
    }
}
