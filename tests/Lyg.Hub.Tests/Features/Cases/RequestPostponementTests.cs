using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class RequestPostponementTests
{
    private const string Body = """{"extraWorkingDays":2,"reason":"等待配件到货"}""";
    private static readonly DateTimeOffset Now = Morning.AddHours(2);

    private readonly RequestPostponement _action = new(Clocks);

    [Theory]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Accepted)]
    public async Task A_request_is_recorded_and_pauses_the_handling_clock(CaseState state)
    {
        var before = Facts(state, "DEPT-CGJ");

        var next = await ActionDecisions.AllowedAsync(_action, UnitStaff("DEPT-CGJ"), Body, before, Now);

        Assert.Equal(
            before with { Postponement = new PendingPostponement(2, Now), Clock = before.Clock! with { PausedAt = Now } },
            next);
    }

    [Fact]
    public async Task A_second_request_is_refused_while_the_first_waits_for_its_decision()
    {
        var pending = await ActionDecisions.AllowedAsync(_action, UnitStaff("DEPT-CGJ"), Body, Facts(CaseState.Accepted, "DEPT-CGJ"), Now);

        var detail = await ActionDecisions.RefusedAsync(
            TransitionOutcome.StateConflict, _action, UnitStaff("DEPT-CGJ"), """{"extraWorkingDays":5,"reason":"再等等"}""", pending, Now.AddHours(1));

        Assert.Equal("A postponement request is already waiting for a decision.", detail);
    }

    [Fact]
    public async Task The_reason_is_the_timeline_reason()
    {
        var transition = await ActionDecisions.PrepareAsync(_action, UnitStaff("DEPT-CGJ"), Body, Now);

        Assert.Equal("等待配件到货", transition.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(RequestPostponement.MaxExtraWorkingDays + 1)]
    public void One_to_thirty_working_days_may_be_asked_for(int? days)
    {
        Assert.Equal(["extraWorkingDays"], _action.Validate(new RequestPostponementRequest(days, "等待配件")).Keys);
        Assert.Empty(_action.Validate(new RequestPostponementRequest(RequestPostponement.MaxExtraWorkingDays, "等待配件")));
    }

    [Fact]
    public void A_reason_is_required()
    {
        Assert.Equal(["reason"], _action.Validate(new RequestPostponementRequest(2, null)).Keys);
    }
}
