using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

/// <summary>
/// A case suspended on Thursday 26 November 2026 at 12:00 and resumed a week later at the same working moment, so its
/// deadline moves by exactly a week.
/// </summary>
public sealed class ResumeCaseTests
{
    private static readonly DateTimeOffset SuspendedAt = Morning.AddHours(3);
    private static readonly DateTimeOffset ResumedAt = SuspendedAt.AddDays(7);

    private readonly ResumeCase _action = new(Clocks);

    [Fact]
    public void Only_shift_leads_resume()
    {
        Assert.Equal(CaseActionNames.Resume, _action.Name);
        Assert.Equal(new HashSet<string> { Roles.ShiftLead }, _action.AllowedRoles.ToHashSet());
    }

    [Theory]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Accepted)]
    public async Task A_resumed_case_returns_to_its_state_and_its_clock_runs_on_with_the_time_that_remained(CaseState state)
    {
        var suspended = await SuspendedAsync(state);
        var paused = suspended.Clock!;

        var next = await ActionDecisions.AllowedAsync(_action, ShiftLead, """{"note":"资金已到位"}""", suspended, ResumedAt);

        var remaining = Calendar.Measure(SuspendedAt, paused.Deadline, paused.Limit.Clock);
        Assert.Equal(
            suspended with { State = state, SuspendedFrom = null, Clock = paused with { Deadline = Calendar.Add(ResumedAt, remaining), PausedAt = null } },
            next);
        Assert.Equal(paused.Sequence, next.Clock!.Sequence);
        Assert.Equal(paused.Deadline.AddDays(7), next.Clock.Deadline);
    }

    [Fact]
    public async Task A_case_resumed_while_a_postponement_waits_for_its_decision_keeps_its_clock_paused()
    {
        var postponing = await ActionDecisions.AllowedAsync(
            new RequestPostponement(Clocks), UnitStaff("DEPT-CGJ"), """{"extraWorkingDays":2,"reason":"等待配件"}""", Facts(CaseState.Accepted, "DEPT-CGJ"), Morning.AddHours(1));
        var requested = await ActionDecisions.AllowedAsync(
            new RequestSuspension(Clocks), UnitStaff("DEPT-CGJ"), """{"reason":"需要专项资金"}""", postponing, Morning.AddHours(2));
        var suspended = await ActionDecisions.AllowedAsync(new DecideSuspension(Clocks), ShiftLead, """{"approved":true}""", requested, SuspendedAt);

        var next = await ActionDecisions.AllowedAsync(_action, ShiftLead, "{}", suspended, ResumedAt);

        Assert.Equal(CaseState.Accepted, next.State);
        Assert.NotNull(next.Postponement);
        Assert.Equal(postponing.Clock, next.Clock);
    }

    [Theory]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Accepted)]
    [InlineData(CaseState.Closed)]
    public async Task Only_a_suspended_case_is_resumed(CaseState state)
    {
        var detail = await ActionDecisions.RefusedAsync(TransitionOutcome.StateConflict, _action, ShiftLead, "{}", Facts(state, "DEPT-CGJ"), ResumedAt);

        Assert.EndsWith("'resume' is allowed only when it is suspended.", detail, StringComparison.Ordinal);
    }

    private static async Task<CaseFacts> SuspendedAsync(CaseState state)
    {
        var requested = await ActionDecisions.AllowedAsync(
            new RequestSuspension(Clocks), UnitStaff("DEPT-CGJ"), """{"reason":"需要专项资金"}""", Facts(state, "DEPT-CGJ"), Morning.AddHours(1));
        var suspended = await ActionDecisions.AllowedAsync(new DecideSuspension(Clocks), ShiftLead, """{"approved":true}""", requested, SuspendedAt);
        Assert.Equal(SuspendedAt, suspended.Clock!.PausedAt);
        return suspended;
    }
}
