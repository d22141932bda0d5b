using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class DecideSuspensionTests
{
    private static readonly DateTimeOffset DecidedAt = Morning.AddHours(3);

    private readonly DecideSuspension _action = new(Clocks);

    [Fact]
    public void Only_shift_leads_decide()
    {
        Assert.Equal(CaseActionNames.DecideSuspension, _action.Name);
        Assert.Equal(new HashSet<string> { Roles.ShiftLead }, _action.AllowedRoles.ToHashSet());
    }

    [Theory]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Accepted)]
    public async Task Approval_suspends_the_case_remembering_its_state_and_pauses_the_clock(CaseState state)
    {
        var requested = await RequestedAsync(state);

        var next = await ActionDecisions.AllowedAsync(_action, ShiftLead, """{"approved":true,"reason":"资金待批"}""", requested, DecidedAt);

        Assert.Equal(
            requested with
            {
                State = CaseState.Suspended,
                SuspendedFrom = state,
                SuspensionRequested = false,
                Clock = requested.Clock! with { PausedAt = DecidedAt },
            },
            next);
    }

    [Fact]
    public async Task Rejection_clears_the_request_and_leaves_the_case_and_its_clock_running()
    {
        var requested = await RequestedAsync(CaseState.Accepted);

        var next = await ActionDecisions.AllowedAsync(_action, ShiftLead, """{"approved":false,"reason":"可先行处置"}""", requested, DecidedAt);

        Assert.Equal(requested with { SuspensionRequested = false }, next);
        Assert.False(next.Clock!.IsPaused);
    }

    [Fact]
    public async Task Without_a_pending_request_there_is_nothing_to_decide()
    {
        var detail = await ActionDecisions.RefusedAsync(
            TransitionOutcome.StateConflict, _action, ShiftLead, """{"approved":true}""", Facts(CaseState.Accepted, "DEPT-CGJ"), DecidedAt);

        Assert.Equal("No suspension request is waiting for a decision.", detail);
    }

    private static Task<CaseFacts> RequestedAsync(CaseState state) =>
        ActionDecisions.AllowedAsync(new RequestSuspension(Clocks), UnitStaff("DEPT-CGJ"), """{"reason":"需要专项资金"}""", Facts(state, "DEPT-CGJ"), Morning.AddHours(1));
}
