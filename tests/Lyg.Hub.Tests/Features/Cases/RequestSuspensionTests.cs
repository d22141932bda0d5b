using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class RequestSuspensionTests
{
    private const string Body = """{"reason":"需要专项资金"}""";
    private static readonly DateTimeOffset Now = Morning.AddHours(2);

    private readonly RequestSuspension _action = new(Clocks);

    [Theory]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Accepted)]
    public async Task A_request_is_recorded_and_the_clock_runs_on_until_it_is_approved(CaseState state)
    {
        var before = Facts(state, "DEPT-CGJ");

        var next = await ActionDecisions.AllowedAsync(_action, UnitStaff("DEPT-CGJ"), Body, before, Now);

        Assert.Equal(before with { SuspensionRequested = true }, next);
    }

    [Fact]
    public async Task A_second_request_is_refused_while_the_first_waits_for_its_decision()
    {
        var pending = await ActionDecisions.AllowedAsync(_action, UnitStaff("DEPT-CGJ"), Body, Facts(CaseState.Accepted, "DEPT-CGJ"), Now);

        var detail = await ActionDecisions.RefusedAsync(TransitionOutcome.StateConflict, _action, UnitStaff("DEPT-CGJ"), Body, pending, Now);

        Assert.Equal("A suspension request is already waiting for a decision.", detail);
    }

    [Fact]
    public void A_reason_is_required()
    {
        Assert.Equal(["reason"], _action.Validate(new ReasonedRequest("")).Keys);
    }
}
