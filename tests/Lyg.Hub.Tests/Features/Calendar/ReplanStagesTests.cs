using Lyg.Contracts;
using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Features.HolidayCalendar.CalendarFixtures;

namespace Lyg.Hub.Tests.Features.HolidayCalendar;

/// <summary>
/// Re-planning on the case table when 2027 is loaded with New Year's Day off: running stages whose deadline lies in
/// 2027 move, the rest of the table stays as it was.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class ReplanStagesTests(AzuriteFixture azurite)
{
    private static readonly WorkingCalendar Before = WorkingCalendar.LoadDefault();
    private static readonly WorkingCalendar After = With(NewYear2027);
    private static readonly TimeLimit FiveWorkingDays = new(ClockKind.WorkingDays, 5);

    private readonly FakeTimeProvider _clock = new(China(2026, 12, 31, 10));
    private readonly CaseStore _cases = new(azurite.Tables);

    [Fact]
    public async Task A_running_stage_spanning_the_new_holiday_moves_with_a_timeline_entry_and_its_workflow_is_nudged()
    {
        await using var durable = new RecordingDurableClient();
        var caseId = await NewCaseAsync(Clock(China(2026, 12, 30, 9)));

        await RunAsync(durable);

        var stored = (await _cases.FindAsync(caseId, CancellationToken.None))!;
        Assert.Equal(China(2027, 1, 7, 9), stored.Facts.Clock!.Deadline);
        Assert.Equal((CaseState.Reported, 1), (stored.Facts.State, stored.Facts.Clock.Sequence));
        var entry = stored.Timeline[^1];
        Assert.Equal((ReplanStages.Action, "admin-1", Roles.Admin, CaseState.Reported, CaseState.Reported), (entry.Action, entry.Actor, entry.Role, entry.FromState, entry.ToState));
        Assert.Equal("The working calendar of 2027 changed: the register deadline moved from 2027-01-06 09:00 to 2027-01-07 09:00 (China time).", entry.Reason);
        Assert.Contains(durable.Events, e => e.InstanceId == CaseWorkflowNames.InstanceId(caseId) && e.Name == CaseWorkflowNames.StateChangedEvent);
    }

    [Fact]
    public async Task Running_the_same_change_again_moves_only_the_stages_not_moved_yet()
    {
        await using var durable = new RecordingDurableClient();
        var first = await NewCaseAsync(Clock(China(2026, 12, 30, 9)));
        await RunAsync(durable);
        var once = (await _cases.FindAsync(first, CancellationToken.None))!;
        var second = await NewCaseAsync(Clock(China(2026, 12, 30, 9)));

        // As after a PUT that failed midway and is repeated: the same calendars and the same change.
        await RunAsync(durable);

        var twice = (await _cases.FindAsync(first, CancellationToken.None))!;
        Assert.Equal((once.Facts.Clock, once.Timeline.Count), (twice.Facts.Clock, twice.Timeline.Count));
        Assert.Single(durable.Events, e => e.InstanceId == CaseWorkflowNames.InstanceId(first));
        Assert.Equal(China(2027, 1, 7, 9), (await _cases.FindAsync(second, CancellationToken.None))!.Facts.Clock!.Deadline);
    }

    [Fact]
    public async Task Once_the_new_calendar_is_stored_a_later_change_from_it_moves_nothing_that_is_already_on_it()
    {
        await using var durable = new RecordingDurableClient();
        var caseId = await NewCaseAsync(Clock(China(2026, 12, 30, 9)));
        await RunAsync(durable);
        var once = (await _cases.FindAsync(caseId, CancellationToken.None))!;

        await RunAsync(durable, before: After, change: "2027@later");

        Assert.Equal(once.Facts.Clock, (await _cases.FindAsync(caseId, CancellationToken.None))!.Facts.Clock);
    }

    [Fact]
    public async Task A_paused_stage_keeps_its_pause_and_what_remained_when_it_paused()
    {
        await using var durable = new RecordingDurableClient();
        var pausedAt = China(2026, 12, 29, 9);
        var caseId = await NewCaseAsync(Clock(China(2026, 12, 28, 9)) with { PausedAt = pausedAt });

        await RunAsync(durable);

        var clock = (await _cases.FindAsync(caseId, CancellationToken.None))!.Facts.Clock!;
        Assert.Equal((pausedAt, China(2027, 1, 5, 9)), (clock.PausedAt!.Value, clock.Deadline));
    }

    [Fact]
    public async Task A_stage_ending_in_2026_and_a_closed_case_are_left_alone()
    {
        await using var durable = new RecordingDurableClient();
        var in2026 = await NewCaseAsync(Clock(China(2026, 12, 21, 9)));
        var closed = await NewCaseAsync(Clock(China(2026, 12, 30, 9)));
        await _cases.TransitionAsync(closed, new CaseTransition("close", "op-1", Roles.Operator, _clock.GetUtcNow(), null, [],
            facts => CaseDecision.Allow(facts with { State = CaseState.Closed, Clock = null })), null, CancellationToken.None);

        await RunAsync(durable);

        var kept = (await _cases.FindAsync(in2026, CancellationToken.None))!;
        var stillClosed = (await _cases.FindAsync(closed, CancellationToken.None))!;
        Assert.Equal((China(2026, 12, 28, 9), 1), (kept.Facts.Clock!.Deadline, kept.Timeline.Count));
        Assert.Equal((CaseState.Closed, null, 2), (stillClosed.Facts.State, stillClosed.Facts.Clock, stillClosed.Timeline.Count));
        Assert.DoesNotContain(durable.Events, e => e.InstanceId == CaseWorkflowNames.InstanceId(in2026) || e.InstanceId == CaseWorkflowNames.InstanceId(closed));
    }

    [Fact]
    public async Task The_decision_moves_a_running_stage_and_refuses_a_finished_case()
    {
        var clock = Clock(China(2026, 12, 30, 9));
        var facts = CaseFixtures.Facts(CaseState.Reported) with { Clock = clock };

        var decision = ReplanStages.Decide(facts, 2027, Before, After, _clock.GetUtcNow());
        var finished = ReplanStages.Decide(facts with { State = CaseState.Voided, Clock = null }, 2027, Before, After, _clock.GetUtcNow());

        Assert.Equal(China(2027, 1, 7, 9), decision.Next!.Clock!.Deadline);
        Assert.Null(finished.Next);
    }

    private Task<int> RunAsync(RecordingDurableClient durable, WorkingCalendar? before = null, string change = "2027@") =>
        new ReplanStages(_cases, _clock, NullLogger<ReplanStages>.Instance).RunAsync(
            durable, 2027, before ?? Before, After, "admin-1", RequestKey.Create("calendar-replan", change, change, Lyg.Contracts.LygJsonContext.Default.String), CancellationToken.None);

    private async Task<string> NewCaseAsync(StageClock clock)
    {
        var caseId = AzuriteFixture.NewCaseId();
        Assert.True(await _cases.CreateAsync(CaseFixtures.NewCase(caseId, reportedAt: clock.StartedAt) with { RegistrationClock = clock }, CancellationToken.None));
        return caseId;
    }

    private static StageClock Clock(DateTimeOffset start) => new(CaseStage.Register, 1, start, FiveWorkingDays, Before.Add(start, FiveWorkingDays), null);

    private static DateTimeOffset China(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, WorkingCalendar.ChinaStandardTime);
}
