using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class CheckCaseTests
{
    private static readonly DateTimeOffset Now = Morning.AddHours(6);

    private readonly CheckCase _action = new(Clocks);

    [Fact]
    public void Inspectors_operators_and_the_upper_platform_check()
    {
        Assert.Equal(CaseActionNames.Check, _action.Name);
        Assert.Equal(new HashSet<string> { Roles.Inspector, Roles.Operator, Roles.Upstream }, _action.AllowedRoles.ToHashSet());
    }

    [Fact]
    public async Task A_passed_check_closes_the_case_and_stops_its_clock()
    {
        var handled = Facts(CaseState.Handled, "DEPT-CGJ");

        var next = await ActionDecisions.AllowedAsync(_action, Inspector, """{"passed":true}""", handled, Now);

        Assert.Equal(handled with { State = CaseState.Closed, Clock = null }, next);
        Assert.True(next.IsFinished);
    }

    [Fact]
    public async Task A_failed_check_sends_the_case_back_to_the_same_unit_for_rework_on_a_new_handling_clock()
    {
        var handled = Facts(CaseState.Handled, "DEPT-CGJ");

        var next = await ActionDecisions.AllowedAsync(_action, Inspector, """{"passed":false,"remarks":"仍有垃圾残留"}""", handled, Now);

        var limit = Limit(CaseStage.Handle);
        Assert.Equal(
            handled with
            {
                State = CaseState.Dispatched,
                ReworkCount = 1,
                Clock = new StageClock(CaseStage.Handle, handled.Clock!.Sequence + 1, Now, limit, Calendar.Add(Now, limit), null),
            },
            next);
    }

    [Fact]
    public async Task A_failed_check_of_a_case_no_unit_handled_goes_to_dispatch_on_a_dispatch_clock()
    {
        var selfHandled = Facts(CaseState.Handled, unit: null);

        var next = await ActionDecisions.AllowedAsync(_action, Operator, """{"passed":false,"remarks":"现场仍有占道"}""", selfHandled, Now);

        Assert.Equal((CaseState.Registered, 1, null), (next.State, next.ReworkCount, next.AssignedUnit));
        Assert.Equal(CaseStage.Dispatch, next.Clock!.Stage);
    }

    [Fact]
    public async Task A_second_rework_counts_again_and_starts_another_handling_instance()
    {
        var afterFirst = await ActionDecisions.AllowedAsync(_action, Inspector, """{"passed":false,"remarks":"未清理"}""", Facts(CaseState.Handled, "DEPT-CGJ"), Now);
        var handledAgain = afterFirst with { State = CaseState.Handled };

        var next = await ActionDecisions.AllowedAsync(_action, Operator, """{"passed":false,"remarks":"仍未清理"}""", handledAgain, Now.AddHours(1));

        Assert.Equal(2, next.ReworkCount);
        Assert.Equal(CaseStage.Handle, next.Clock!.Stage);
        Assert.Equal(afterFirst.Clock!.Sequence + 1, next.Clock.Sequence);
        Assert.Equal(Now.AddHours(1), next.Clock.StartedAt);
    }

    [Theory]
    [InlineData(CaseState.Reported)]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Accepted)]
    [InlineData(CaseState.Closed)]
    [InlineData(CaseState.Suspended)]
    public async Task Only_a_handled_case_is_checked(CaseState state)
    {
        var detail = await ActionDecisions.RefusedAsync(TransitionOutcome.StateConflict, _action, Inspector, """{"passed":true}""", Facts(state), Now);

        Assert.EndsWith("'check' is allowed only when it is handled.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_remarks_and_photos_go_on_the_timeline()
    {
        var transition = await ActionDecisions.PrepareAsync(_action, Inspector, """{"passed":true,"remarks":" 已清理干净 ","attachmentIds":["check-1"]}""", Now);

        Assert.Equal("已清理干净", transition.Reason);
        Assert.Equal(["check-1"], transition.AttachmentIds);
        Assert.Equal(Roles.Inspector, transition.Role);
    }

    [Fact]
    public void The_outcome_is_required_and_a_failure_needs_remarks()
    {
        Assert.Equal(["passed"], _action.Validate(new CheckCaseRequest(null, null, null)).Keys);
        Assert.Equal(["remarks"], _action.Validate(new CheckCaseRequest(false, " ", null)).Keys);
        Assert.Empty(_action.Validate(new CheckCaseRequest(true, null, null)));
        Assert.Equal(["attachmentIds"], _action.Validate(new CheckCaseRequest(true, null, ["bad id"])).Keys);
    }
}
