using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

/// <summary>Dispatch rules over case facts; the unit check reads a unit table of the test's own with one active and one inactive unit.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class DispatchCaseTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = Morning.AddMinutes(20);

    private DispatchCase _action = null!;

    public async Task InitializeAsync()
    {
        var units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(units, UnitFixtures.Unit("DEPT-CGJ"), UnitFixtures.Unit("DEPT-OLD", active: false));
        _action = new DispatchCase(Clocks, units);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Only_dispatchers_dispatch()
    {
        Assert.Equal(CaseActionNames.Dispatch, _action.Name);
        Assert.Equal(new HashSet<string> { Roles.Dispatcher }, _action.AllowedRoles.ToHashSet());
    }

    [Theory]
    [InlineData(CaseState.Registered)]
    [InlineData(CaseState.Returned)]
    public async Task A_case_waiting_for_dispatch_goes_to_the_unit_and_its_handling_clock_starts(CaseState state)
    {
        var before = Facts(state, stageStartedAt: Morning);

        var next = await ActionDecisions.AllowedAsync(_action, Dispatcher, """{"unitCode":"DEPT-CGJ","instructions":"请尽快处置"}""", before, Now);

        Assert.Equal(CaseState.Dispatched, next.State);
        Assert.Equal("DEPT-CGJ", next.AssignedUnit);
        var limit = Limit(CaseStage.Handle);
        Assert.Equal(new StageClock(CaseStage.Handle, before.Clock!.Sequence + 1, Now, limit, Calendar.Add(Now, limit), null), next.Clock);
    }

    [Fact]
    public async Task The_instructions_are_the_timeline_reason()
    {
        var transition = await ActionDecisions.PrepareAsync(_action, Dispatcher, """{"unitCode":"DEPT-CGJ","instructions":" 请尽快处置 "}""", Now);

        Assert.Equal("请尽快处置", transition.Reason);
        Assert.Equal(Roles.Dispatcher, transition.Role);
    }

    [Theory]
    [InlineData(CaseState.Reported)]
    [InlineData(CaseState.Voided)]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Accepted)]
    [InlineData(CaseState.Handled)]
    [InlineData(CaseState.Closed)]
    [InlineData(CaseState.Suspended)]
    public async Task Only_a_registered_or_returned_case_is_dispatched(CaseState state)
    {
        var detail = await ActionDecisions.RefusedAsync(TransitionOutcome.StateConflict, _action, Dispatcher, """{"unitCode":"DEPT-CGJ"}""", Facts(state), Now);

        Assert.EndsWith("'dispatch' is allowed only when it is registered or returned.", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DEPT-NONE")]
    [InlineData("DEPT-OLD")]
    [InlineData("a/b")]
    public async Task An_unknown_or_inactive_unit_is_a_validation_problem_before_any_decision(string unitCode)
    {
        var prepared = await _action.PrepareAsync(JsonRequests.With($$"""{"unitCode":"{{unitCode}}"}"""), Dispatcher, Now, CancellationToken.None);

        Assert.Null(prepared.Transition);
        var answer = await ResultRunner.ExecuteAsync(prepared.Problem!);
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal(["unitCode"], answer.ErrorFields);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_unit_code_is_required(string? unitCode)
    {
        Assert.Equal(["unitCode"], _action.Validate(new DispatchCaseRequest(unitCode, null)).Keys);
    }

    [Fact]
    public void Instructions_are_limited()
    {
        var errors = _action.Validate(new DispatchCaseRequest("DEPT-CGJ", new string('令', CaseAction<DispatchCaseRequest>.MaxTextLength + 1)));

        Assert.Equal(["instructions"], errors.Keys);
    }
}
