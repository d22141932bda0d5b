using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class ReturnCaseTests
{
    private static readonly DateTimeOffset Now = Morning.AddHours(1);

    private readonly ReturnCase _action = new(Clocks);

    [Theory]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Accepted)]
    public async Task A_returned_case_leaves_the_unit_drops_its_requests_and_waits_for_dispatch_again(CaseState state)
    {
        var before = Facts(state, "DEPT-CGJ") with { Postponement = new PendingPostponement(2, Morning), SuspensionRequested = true };

        var next = await ActionDecisions.AllowedAsync(_action, UnitStaff("DEPT-CGJ"), """{"reason":"不属于本单位职责"}""", before, Now);

        var limit = Limit(CaseStage.Dispatch);
        Assert.Equal(
            before with
            {
                State = CaseState.Returned,
                AssignedUnit = null,
                Postponement = null,
                SuspensionRequested = false,
                Clock = new StageClock(CaseStage.Dispatch, before.Clock!.Sequence + 1, Now, limit, Calendar.Add(Now, limit), null),
            },
            next);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"reason":" "}""")]
    public async Task A_reason_is_required(string body)
    {
        var prepared = await _action.PrepareAsync(JsonRequests.With(body), ActionDecisions.AnyCase, UnitStaff("DEPT-CGJ"), Now, CancellationToken.None);

        Assert.Equal(["reason"], (await ResultRunner.ExecuteAsync(prepared.Problem!)).ErrorFields);
    }
}
