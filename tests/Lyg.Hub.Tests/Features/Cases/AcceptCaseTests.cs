using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Tests.Support;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class AcceptCaseTests
{
    private static readonly DateTimeOffset Now = Morning.AddHours(1);

    private readonly AcceptCase _action = new(Clocks);

    [Fact]
    public async Task The_unit_accepts_a_dispatched_case_and_its_handling_clock_runs_on()
    {
        var dispatched = Facts(CaseState.Dispatched, "DEPT-CGJ");

        var next = await ActionDecisions.AllowedAsync(_action, UnitStaff("DEPT-CGJ"), "{}", dispatched, Now);

        Assert.Equal(dispatched with { State = CaseState.Accepted }, next);
    }

    [Fact]
    public async Task The_note_is_the_timeline_reason_and_is_optional()
    {
        var withNote = await ActionDecisions.PrepareAsync(_action, UnitStaff("DEPT-CGJ"), """{"note":" 已派人前往 "}""", Now);
        var without = await ActionDecisions.PrepareAsync(_action, UnitStaff("DEPT-CGJ"), "{}", Now);

        Assert.Equal("已派人前往", withNote.Reason);
        Assert.Equal(Roles.Unit, withNote.Role);
        Assert.Equal("unit-staff-1", withNote.Actor);
        Assert.Null(without.Reason);
    }

    [Fact]
    public void A_note_is_limited()
    {
        Assert.Equal(["note"], _action.Validate(new ActionNote(new string('注', CaseAction<ActionNote>.MaxTextLength + 1))).Keys);
    }
}
