using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

/// <summary>
/// The unit accepted on Thursday 26 November 2026 at 09:00 (three working days: due Tuesday 1 December 09:00), asked
/// for two more working days at 11:00, and the decision comes on Friday at 10:00.
/// </summary>
public sealed class DecidePostponementTests
{
    private static readonly DateTimeOffset RequestedAt = Morning.AddHours(2);
    private static readonly DateTimeOffset DecidedAt = Morning.AddDays(1).AddHours(1);

    private readonly DecidePostponement _action = new(Clocks);

    [Fact]
    public void Dispatchers_and_shift_leads_decide()
    {
        Assert.Equal(CaseActionNames.DecidePostponement, _action.Name);
        Assert.Equal(new HashSet<string> { Roles.Dispatcher, Roles.ShiftLead }, _action.AllowedRoles.ToHashSet());
    }

    [Fact]
    public async Task Approval_resumes_the_clock_with_the_time_left_and_moves_the_deadline_by_the_requested_working_days()
    {
        var pending = await PendingAsync();

        var next = await ActionDecisions.AllowedAsync(_action, Dispatcher, """{"approved":true,"reason":"配件确需采购"}""", pending, DecidedAt);

        var running = pending.Clock! with { Deadline = Resumed(pending.Clock!), PausedAt = null };
        var extended = Calendar.Add(running.Deadline, new TimeLimit(ClockKind.WorkingDays, 2));
        Assert.Equal(pending with { Postponement = null, Clock = running with { Deadline = extended } }, next);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 0, 0, WorkingCalendar.ChinaStandardTime), next.Clock!.Deadline);
    }

    [Fact]
    public async Task Rejection_resumes_the_clock_with_the_time_left_and_no_extension()
    {
        var pending = await PendingAsync();

        var next = await ActionDecisions.AllowedAsync(_action, ShiftLead, """{"approved":false}""", pending, DecidedAt);

        Assert.Equal(pending with { Postponement = null, Clock = pending.Clock! with { Deadline = Resumed(pending.Clock!), PausedAt = null } }, next);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 18, 0, 0, WorkingCalendar.ChinaStandardTime), next.Clock!.Deadline);
    }

    [Fact]
    public async Task Without_a_pending_request_there_is_nothing_to_decide()
    {
        var detail = await ActionDecisions.RefusedAsync(
            TransitionOutcome.StateConflict, _action, Dispatcher, """{"approved":true}""", Facts(CaseState.Accepted, "DEPT-CGJ"), DecidedAt);

        Assert.Equal("No postponement request is waiting for a decision.", detail);
    }

    [Theory]
    [InlineData("""{"approved":true,"reason":" 配件确需采购 "}""", "approved: 配件确需采购")]
    [InlineData("""{"approved":false}""", "rejected")]
    public async Task The_timeline_shows_the_decision_and_its_reason(string body, string reason)
    {
        Assert.Equal(reason, (await ActionDecisions.PrepareAsync(_action, Dispatcher, body, DecidedAt)).Reason);
    }

    [Fact]
    public void The_decision_is_required()
    {
        Assert.Equal(["approved"], _action.Validate(new DecisionRequest(null, "?")).Keys);
    }

    /// <summary>The facts as the unit's request left them.</summary>
    private static async Task<CaseFacts> PendingAsync()
    {
        var pending = await ActionDecisions.AllowedAsync(
            new RequestPostponement(Clocks), UnitStaff("DEPT-CGJ"), """{"extraWorkingDays":2,"reason":"等待配件"}""", Facts(CaseState.Accepted, "DEPT-CGJ"), RequestedAt);
        Assert.Equal(RequestedAt, pending.Clock!.PausedAt);
        return pending;
    }

    private static DateTimeOffset Resumed(StageClock paused) =>
        Calendar.Add(DecidedAt, Calendar.Measure(paused.PausedAt!.Value, paused.Deadline, paused.Limit.Clock));
}
