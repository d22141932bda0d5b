using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Routing;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

/// <summary>Dispatch rules over case facts; the unit check reads a unit table of the test's own with one active and one inactive unit.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class DispatchCaseTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = Morning.AddMinutes(20);

    private readonly CaseStore _cases = new(azurite.Tables);
    private DispatchCase _action = null!;
    private UnitStore _units = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(
            _units, UnitFixtures.Unit("DEPT-CGJ"), UnitFixtures.Unit("DEPT-OLD", active: false), UnitFixtures.Unit("ENT-WATER"));
        _action = new DispatchCase(Clocks, _units, _cases, SampleRouting);
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
        var prepared = await _action.PrepareAsync(JsonRequests.With($$"""{"unitCode":"{{unitCode}}"}"""), ActionDecisions.AnyCase, Dispatcher, Now, CancellationToken.None);

        Assert.Null(prepared.Transition);
        var answer = await ResultRunner.ExecuteAsync(prepared.Problem!);
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal(["unitCode"], answer.ErrorFields);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_unit_code_is_rejected(string unitCode)
    {
        Assert.Equal(["unitCode"], _action.Validate(new DispatchCaseRequest(unitCode, null)).Keys);
    }

    [Fact]
    public void Instructions_are_limited()
    {
        var errors = _action.Validate(new DispatchCaseRequest("DEPT-CGJ", new string('令', CaseAction<DispatchCaseRequest>.MaxTextLength + 1)));

        Assert.Equal(["instructions"], errors.Keys);
    }

    [Fact]
    public async Task Without_a_unit_code_the_routing_suggestion_for_the_cases_category_and_place_is_taken()
    {
        var caseId = await RegisteredCaseAsync("0101");

        var transition = await ActionDecisions.PrepareAsync(_action, Dispatcher, """{"instructions":"请尽快处置"}""", Now, caseId);
        var result = await _cases.TransitionAsync(caseId, transition, null, CancellationToken.None);

        Assert.Equal(TransitionOutcome.Applied, result.Outcome);
        var stored = await _cases.FindAsync(caseId, CancellationToken.None);
        Assert.Equal("ENT-WATER", stored!.Facts.AssignedUnit);
        var reason = stored.Timeline[^1].Reason!;
        Assert.StartsWith("Routed by rule category 0101", reason, StringComparison.Ordinal);
        Assert.EndsWith("请尽快处置", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"rules":[{"category":"0409","place":"*","unit":"DEPT-CGJ"}]}""")]
    [InlineData("""{"rules":[{"category":"0101","place":"*","unit":"DEPT-OLD"}]}""")]
    [InlineData("""{"rules":[{"category":"0101","place":"*","unit":"DEPT-NONE"}]}""")]
    public async Task Without_a_unit_code_and_no_usable_suggestion_dispatch_is_a_validation_problem(string table)
    {
        var rules = RoutingRules.FromData(JsonSerializer.Deserialize(table, RoutingDataJsonContext.Default.RoutingRuleData)!);
        var action = new DispatchCase(Clocks, _units, _cases, RoutingFor(rules));
        var caseId = await RegisteredCaseAsync("0101");

        var prepared = await action.PrepareAsync(JsonRequests.With("{}"), caseId, Dispatcher, Now, CancellationToken.None);

        Assert.Null(prepared.Transition);
        var answer = await ResultRunner.ExecuteAsync(prepared.Problem!);
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["unitCode"], answer.ErrorFields);
        Assert.Contains("no suggestion is available", answer.Body.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<string> RegisteredCaseAsync(string category)
    {
        var caseId = $"routing-{Guid.NewGuid():N}";
        Assert.True(await _cases.CreateAsync(NewCase(caseId, categoryCode: category).In(City.Grids[0]), CancellationToken.None));
        await new CaseSteps(_cases, _units).TakeAsync(
            caseId, new RegisterCase(Clocks, Places), Operator, $$"""{"categoryCode":"{{category}}","urgency":"normal"}""", Morning);
        return caseId;
    }
}
