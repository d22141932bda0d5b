using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class CompleteCaseTests
{
    private static readonly DateTimeOffset Now = Morning.AddHours(5);

    private readonly CompleteCase _action = new(Clocks);

    [Fact]
    public async Task Completion_hands_the_case_to_the_check_with_a_check_clock()
    {
        var accepted = Facts(CaseState.Accepted, "DEPT-CGJ");

        var next = await ActionDecisions.AllowedAsync(_action, UnitStaff("DEPT-CGJ"), """{"result":"已清运"}""", accepted, Now);

        var limit = Limit(CaseStage.Check);
        Assert.Equal(
            accepted with
            {
                State = CaseState.Handled,
                Clock = new StageClock(CaseStage.Check, accepted.Clock!.Sequence + 1, Now, limit, Calendar.Add(Now, limit), null),
            },
            next);
    }

    [Fact]
    public async Task Completion_lets_pending_postponement_and_suspension_requests_lapse()
    {
        var accepted = Facts(CaseState.Accepted, "DEPT-CGJ") with
        {
            Postponement = new PendingPostponement(3, Morning.AddHours(1)),
            SuspensionRequested = true,
        };

        var next = await ActionDecisions.AllowedAsync(_action, UnitStaff("DEPT-CGJ"), """{"result":"已清运"}""", accepted, Now);

        Assert.Null(next.Postponement);
        Assert.False(next.SuspensionRequested);
        Assert.Equal(CaseState.Handled, next.State);
    }

    [Fact]
    public async Task The_result_and_its_photos_go_on_the_timeline()
    {
        var transition = await ActionDecisions.PrepareAsync(
            _action, UnitStaff("DEPT-CGJ"), """{"result":" 已清运 ","attachmentIds":["after-1","after_2"]}""", Now);

        Assert.Equal("已清运", transition.Reason);
        Assert.Equal(["after-1", "after_2"], transition.AttachmentIds);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_result_is_required(string? result)
    {
        Assert.Equal(["result"], _action.Validate(new CompleteCaseRequest(result, null)).Keys);
    }

    [Fact]
    public void Attachment_ids_are_checked()
    {
        Assert.Equal(["attachmentIds"], _action.Validate(new CompleteCaseRequest("已清运", ["photo 1"])).Keys);
        Assert.Equal(["attachmentIds"], _action.Validate(new CompleteCaseRequest("已清运", Enumerable.Range(0, 10).Select(i => $"p{i}").ToList())).Keys);
    }
}
