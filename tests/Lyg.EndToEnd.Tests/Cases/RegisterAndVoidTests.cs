using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Cases;

/// <summary>立案 and 作废 over HTTP: the report → 202 → readable case → register → registered slice, and every refusal.</summary>
[Collection(HubSuite.Name)]
public sealed class RegisterAndVoidTests(HubFixture hub)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Registering_a_reported_case_records_category_urgency_and_the_transition_and_ends_the_stage()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-reg", Roles.Citizen);
        var operatorClient = await hub.Host.ClientForAsync("operator-wang", Roles.Operator);
        var caseId = await citizen.SubmitCaseAsync();

        using var response = await operatorClient.RegisterAsync(caseId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync(LygJsonContext.Default.CaseActionAccepted);
        Assert.Equal(CaseState.Registered, accepted!.State);

        var registered = await operatorClient.GetCaseAsync(caseId);
        Assert.Equal((CaseState.Registered, "0101", Urgency.Urgent), (registered.State, registered.CategoryCode, registered.Urgency));
        Assert.Equal(2, registered.Timeline.Count);
        var entry = registered.Timeline[1];
        Assert.Equal(("register", CaseState.Reported, CaseState.Registered), (entry.Action, entry.FromState, entry.ToState));
        Assert.Equal(("operator-wang", Roles.Operator, "核实属实"), (entry.Actor, entry.Role, entry.Reason));
        Assert.True(entry.At >= registered.Timeline[0].At);

        Assert.Equal(("dispatch", 2), (registered.Stage!.Name, registered.Stage.Sequence));
        await Poll.UntilAsync(() => operatorClient.GetCaseAsync(caseId), c => c.Workflow?.Stage == "dispatch", Patience, "the workflow to follow the dispatch stage");
    }

    [Fact]
    public async Task Voiding_needs_a_reason_and_then_no_other_registration_decision_is_possible()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-void", Roles.Citizen);
        var shiftLead = await hub.Host.ClientForAsync("shift-lead-li", Roles.ShiftLead);
        var caseId = await citizen.SubmitCaseAsync();

        using var noReason = await shiftLead.ActAsync(caseId, "void", "{}");
        await noReason.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(CaseState.Reported, (await shiftLead.GetCaseAsync(caseId)).State);

        using var voided = await shiftLead.ActAsync(caseId, "void", """{"reason":"重复上报"}""");
        Assert.Equal(HttpStatusCode.Accepted, voided.StatusCode);

        using var lateRegister = await shiftLead.RegisterAsync(caseId);
        var problem = await lateRegister.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("voided", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stored = await Poll.UntilAsync(() => shiftLead.GetCaseAsync(caseId), c => c.Workflow?.Status == "completed", Patience, "the workflow to end");
        Assert.Equal(CaseState.Voided, stored.State);
        Assert.Null(stored.Stage);
        Assert.Equal(["report", "void"], stored.Timeline.Select(t => t.Action));
        Assert.Equal("重复上报", stored.Timeline[1].Reason);
    }

    [Fact]
    public async Task Of_two_racing_decisions_exactly_one_wins_and_the_other_gets_409()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-race", Roles.Citizen);
        var operatorClient = await hub.Host.ClientForAsync("operator-race", Roles.Operator);
        var shiftLead = await hub.Host.ClientForAsync("shift-lead-race", Roles.ShiftLead);
        var caseId = await citizen.SubmitCaseAsync();

        var responses = await Task.WhenAll(
            operatorClient.RegisterAsync(caseId),
            shiftLead.RegisterAsync(caseId),
            operatorClient.RegisterAsync(caseId));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(2, (await operatorClient.GetCaseAsync(caseId)).Timeline.Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_retried_action_with_the_same_key_answers_the_same_and_writes_once()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-retry-act", Roles.Citizen);
        var operatorClient = await hub.Host.ClientForAsync("operator-retry", Roles.Operator);
        var caseId = await citizen.SubmitCaseAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await operatorClient.RegisterAsync(caseId, key);
        using var retry = await operatorClient.RegisterAsync(caseId, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(2, (await operatorClient.GetCaseAsync(caseId)).Timeline.Count);

        using var differentBody = await operatorClient.ActAsync(caseId, "register", """{"categoryCode":"0102","urgency":"normal"}""", key);
        await differentBody.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Actions_are_refused_to_the_wrong_role_for_unknown_actions_and_for_unknown_cases()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-refused", Roles.Citizen);
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-zhao", Roles.Dispatcher);
        var operatorClient = await hub.Host.ClientForAsync("operator-refused", Roles.Operator);
        var caseId = await citizen.SubmitCaseAsync();

        using var byCitizen = await citizen.RegisterAsync(caseId);
        await byCitizen.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var byDispatcher = await dispatcher.RegisterAsync(caseId);
        await byDispatcher.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var unknownAction = await operatorClient.ActAsync(caseId, "teleport", "{}");
        await unknownAction.AssertProblemAsync(HttpStatusCode.NotFound);
        using var unknownCase = await operatorClient.RegisterAsync("LYG-20000101-999999");
        await unknownCase.AssertProblemAsync(HttpStatusCode.NotFound);
        using var invalid = await operatorClient.ActAsync(caseId, "register", """{"categoryCode":"abc"}""");
        var problem = await invalid.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("urgency", out _));

        var unchanged = await operatorClient.GetCaseAsync(caseId);
        Assert.Equal(CaseState.Reported, unchanged.State);
        Assert.Single(unchanged.Timeline);
    }

    [Fact]
    public async Task A_citizen_reads_their_own_reports_only()
    {
        var owner = await hub.Host.ClientForAsync("citizen-owner", Roles.Citizen);
        var stranger = await hub.Host.ClientForAsync("citizen-stranger", Roles.Citizen);
        var caseId = await owner.SubmitCaseAsync();

        Assert.Equal(caseId, (await owner.GetReportAsync(caseId)).CaseId);
        using var foreign = await stranger.GetAsync($"api/v1/cases/{caseId}");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = await hub.Host.Anonymous.GetAsync($"api/v1/cases/{caseId}");
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
