using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class RateCaseTests
{
    private static readonly DateTimeOffset Now = Morning.AddDays(2);

    private readonly RateCase _action = new(Clocks);

    [Fact]
    public void Only_citizens_rate()
    {
        Assert.Equal(CaseActionNames.Rate, _action.Name);
        Assert.Equal(new HashSet<string> { Roles.Citizen }, _action.AllowedRoles.ToHashSet());
    }

    [Fact]
    public async Task The_reporter_rates_a_closed_case()
    {
        var closed = Facts(CaseState.Closed, "DEPT-CGJ");

        var next = await ActionDecisions.AllowedAsync(_action, Reporter, """{"satisfaction":"basicallySatisfied","comment":"处理及时"}""", closed, Now);

        Assert.Equal(closed with { Satisfaction = Satisfaction.BasicallySatisfied }, next);
        Assert.Null(next.Clock);
    }

    [Fact]
    public async Task Another_citizen_does_not_see_the_case_to_rate()
    {
        await ActionDecisions.RefusedAsync(
            TransitionOutcome.NotFound, _action, Person("citizen-2", Roles.Citizen), """{"satisfaction":"dissatisfied"}""", Facts(CaseState.Closed), Now);
    }

    [Fact]
    public async Task Staff_who_are_also_citizens_see_the_case_but_rate_only_their_own_reports()
    {
        var detail = await ActionDecisions.RefusedAsync(
            TransitionOutcome.NotPermitted, _action, Person("op-2", Roles.Operator, Roles.Citizen), """{"satisfaction":"dissatisfied"}""", Facts(CaseState.Closed), Now);

        Assert.Equal("Only the citizen who reported the case rates it.", detail);
    }

    [Fact]
    public async Task The_same_subject_from_another_identity_provider_does_not_see_the_case()
    {
        var impostor = new Caller("https://another-idp.example", "citizen-1", new HashSet<string> { Roles.Citizen }, null);

        await ActionDecisions.RefusedAsync(TransitionOutcome.NotFound, _action, impostor, """{"satisfaction":"satisfied"}""", Facts(CaseState.Closed), Now);
    }

    [Theory]
    [InlineData(CaseState.Reported)]
    [InlineData(CaseState.Accepted)]
    [InlineData(CaseState.Handled)]
    [InlineData(CaseState.Voided)]
    public async Task Only_a_closed_case_is_rated(CaseState state)
    {
        var detail = await ActionDecisions.RefusedAsync(TransitionOutcome.StateConflict, _action, Reporter, """{"satisfaction":"satisfied"}""", Facts(state), Now);

        Assert.EndsWith("'rate' is allowed only when it is closed.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_is_rated_once()
    {
        var rated = await ActionDecisions.AllowedAsync(_action, Reporter, """{"satisfaction":"satisfied"}""", Facts(CaseState.Closed), Now);

        var detail = await ActionDecisions.RefusedAsync(TransitionOutcome.StateConflict, _action, Reporter, """{"satisfaction":"dissatisfied"}""", rated, Now);

        Assert.Equal("The case has already been rated.", detail);
    }

    [Fact]
    public async Task The_comment_is_the_timeline_reason_and_a_rating_is_required()
    {
        Assert.Equal("处理及时", (await ActionDecisions.PrepareAsync(_action, Reporter, """{"satisfaction":"satisfied","comment":"处理及时"}""", Now)).Reason);
        Assert.Equal(["satisfaction"], _action.Validate(new RateCaseRequest(null, "?")).Keys);
        Assert.Equal(["satisfaction"], _action.Validate(new RateCaseRequest((Satisfaction)99, "?")).Keys);
    }
}
