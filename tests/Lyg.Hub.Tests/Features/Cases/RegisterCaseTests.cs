using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class RegisterCaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(8));
    private static readonly Caller Operator = new(TestJwt.Issuer, "op-7", new HashSet<string> { Roles.Operator }, null);

    private readonly RegisterCase _action = new(Clocks, Places);

    [Fact]
    public void Operators_and_shift_leads_may_register()
    {
        Assert.Equal(CaseActionNames.Register, _action.Name);
        Assert.Equal(new HashSet<string> { Roles.Operator, Roles.ShiftLead }, _action.AllowedRoles.ToHashSet());
    }

    [Fact]
    public void A_complete_registration_is_valid()
    {
        Assert.Empty(_action.Validate(new RegisterCaseRequest("0101", Urgency.Normal, null)));
        Assert.Empty(_action.Validate(new RegisterCaseRequest("01010", Urgency.Urgent, new string('因', CaseAction<RegisterCaseRequest>.MaxTextLength))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("101")]
    [InlineData("101010")]
    [InlineData("01O1")]
    public void A_category_code_of_4_or_5_digits_is_required(string? code)
    {
        Assert.Equal(["categoryCode"], _action.Validate(new RegisterCaseRequest(code, Urgency.Normal, null)).Keys);
    }

    [Theory]
    [InlineData("0510", "gb2013")]
    [InlineData("06031", "gb2026")]
    public void A_category_code_must_exist_in_the_scheme_its_length_implies(string code, string scheme)
    {
        var errors = _action.Validate(new RegisterCaseRequest(code, Urgency.Normal, null));

        Assert.Contains($"scheme {scheme}", Assert.Single(errors["categoryCode"]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_urgency_is_required()
    {
        Assert.Equal(["urgency"], _action.Validate(new RegisterCaseRequest("0101", null, null)).Keys);
        Assert.Equal(["urgency"], _action.Validate(new RegisterCaseRequest("0101", (Urgency)5, null)).Keys);
        Assert.Equal(["categoryKind"], _action.Validate(new RegisterCaseRequest("0101", Urgency.Normal, null, (CodeKind)5)).Keys);
    }

    [Fact]
    public void A_reason_longer_than_2000_characters_is_refused()
    {
        var errors = _action.Validate(new RegisterCaseRequest("0101", Urgency.Normal, new string('因', CaseAction<RegisterCaseRequest>.MaxTextLength + 1)));

        Assert.Equal(["reason"], errors.Keys);
    }

    [Fact]
    public async Task A_good_body_becomes_a_transition_recording_who_when_and_why()
    {
        var prepared = await PrepareAsync(JsonRequests.With("""{"categoryCode":"01010","urgency":"urgent","reason":" 核实属实 "}"""));

        Assert.Null(prepared.Problem);
        var transition = prepared.Transition!;
        Assert.Equal(CaseActionNames.Register, transition.Action);
        Assert.Equal("op-7", transition.Actor);
        Assert.Equal(Roles.Operator, transition.Role);
        Assert.Equal(Now, transition.At);
        Assert.Equal("核实属实", transition.Reason);
        Assert.Empty(transition.AttachmentIds);
    }

    [Fact]
    public async Task A_reported_case_becomes_registered_with_the_category_and_urgency()
    {
        var next = await ActionDecisions.AllowedAsync(_action, Operator, """{"categoryCode":"01010","urgency":"urgent"}""", Facts(CaseState.Reported), Now);

        Assert.Equal(CaseState.Registered, next.State);
        Assert.Equal("01010", next.CategoryCode);
        Assert.Equal(Urgency.Urgent, next.Urgency);
        Assert.Null(next.AssignedUnit);
        Assert.Equal("citizen-1", next.ReporterSubject);
    }

    [Fact]
    public async Task Registration_moves_the_clock_to_the_dispatch_stage_on_the_limit_of_the_category_and_urgency()
    {
        var reported = Facts(CaseState.Reported, stageStartedAt: Now.AddMinutes(-20));

        var next = await ActionDecisions.AllowedAsync(_action, Operator, """{"categoryCode":"0101","urgency":"urgent"}""", reported, Now);

        var limit = Limit(CaseStage.Dispatch, "0101", Urgency.Urgent);
        Assert.Equal(new StageClock(CaseStage.Dispatch, reported.Clock!.Sequence + 1, Now, limit, Calendar.Add(Now, limit), null), next.Clock);
        Assert.Equal(new TimeLimit(ClockKind.ContinuousHours, 10 / 60.0), limit);
    }

    [Fact]
    public async Task The_kind_sent_with_a_code_naming_both_picks_its_time_limits()
    {
        var asEvent = await ActionDecisions.AllowedAsync(_action, Operator, """{"categoryCode":"0101","categoryKind":"event","urgency":"normal"}""", Facts(CaseState.Reported), Now);
        var asComponent = await ActionDecisions.AllowedAsync(_action, Operator, """{"categoryCode":"0101","categoryKind":"component","urgency":"normal"}""", Facts(CaseState.Reported), Now);

        Assert.Equal((CodeKind.Event, CodeKind.Component), (asEvent.CategoryKind, asComponent.CategoryKind));
        Assert.Equal(Clocks.Begin(CaseStage.Dispatch, 2, "0101", Urgency.Normal, Now, CodeKind.Event).Limit, asEvent.Clock!.Limit);
    }

    [Fact]
    public async Task Without_a_kind_the_reports_kind_stays_for_the_same_code_and_a_new_code_gets_the_kind_it_names()
    {
        var reported = Facts(CaseState.Reported) with { CategoryCode = "0101", CategoryKind = CodeKind.Event };

        var same = await ActionDecisions.AllowedAsync(_action, Operator, """{"categoryCode":"0101","urgency":"normal"}""", reported, Now);
        var other = await ActionDecisions.AllowedAsync(_action, Operator, """{"categoryCode":"0131","urgency":"normal"}""", reported, Now);
        var ambiguous = await ActionDecisions.AllowedAsync(_action, Operator, """{"categoryCode":"0102","urgency":"normal"}""", reported, Now);

        Assert.Equal(CodeKind.Event, same.CategoryKind);
        Assert.Equal(CodeKind.Component, other.CategoryKind);
        Assert.Null(ambiguous.CategoryKind);
    }

    [Theory]
    [InlineData("""{"categoryCode":"0131","categoryKind":"event","urgency":"normal"}""", "categoryCode")]
    [InlineData("""{"categoryKind":"event","urgency":"normal"}""", "categoryKind")]
    public void A_kind_the_code_does_not_name_or_without_a_code_is_refused(string body, string field)
    {
        var request = JsonSerializer.Deserialize(body, LygJsonContext.Default.RegisterCaseRequest)!;

        Assert.Contains(field, _action.Validate(request).Keys);
    }

    [Theory]
    [InlineData(CaseState.Registered)]
    [InlineData(CaseState.Voided)]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Returned)]
    [InlineData(CaseState.Closed)]
    [InlineData(CaseState.Suspended)]
    public async Task Only_a_reported_case_may_be_registered(CaseState state)
    {
        var detail = await ActionDecisions.RefusedAsync(
            TransitionOutcome.StateConflict, _action, Operator, """{"categoryCode":"0101","urgency":"normal"}""", Facts(state), Now);

        Assert.Equal($"The case is {state.ToString().ToLowerInvariant()}; 'register' is allowed only when it is reported.", detail);
    }

    [Fact]
    public async Task A_caller_with_both_staff_roles_acts_as_the_more_accountable_one()
    {
        var both = new Caller(TestJwt.Issuer, "lead-1", new HashSet<string> { Roles.ShiftLead, Roles.Operator }, null);

        var prepared = await _action.PrepareAsync(JsonRequests.With("""{"categoryCode":"0101","urgency":"normal"}"""), ActionDecisions.AnyCase, both, Now, CancellationToken.None);

        Assert.Equal(Roles.ShiftLead, prepared.Transition!.Role);
        Assert.Equal("lead-1", prepared.Transition.Actor);
    }

    [Fact]
    public async Task The_request_key_ignores_formatting_but_not_content()
    {
        var compact = await PrepareAsync(JsonRequests.With("""{"categoryCode":"0101","urgency":"normal"}"""));
        var spaced = await PrepareAsync(JsonRequests.With("""{ "urgency" : "normal",  "categoryCode" : "0101" }"""));
        var other = await PrepareAsync(JsonRequests.With("""{"categoryCode":"0102","urgency":"normal"}"""));

        var a = compact.KeyFor!("scope", "key-1");
        var b = spaced.KeyFor!("scope", "key-1");
        var c = other.KeyFor!("scope", "key-1");

        Assert.Equal(a, b);
        Assert.Equal(a.KeyHash, c.KeyHash);
        Assert.NotEqual(a.RequestHash, c.RequestHash);
    }

    [Fact]
    public async Task A_body_without_category_or_urgency_is_a_validation_problem()
    {
        var prepared = await PrepareAsync(JsonRequests.With("""{"reason":"x"}"""));

        Assert.Null(prepared.Transition);
        var answer = await ResultRunner.ExecuteAsync(prepared.Problem!);
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal(["categoryCode", "urgency"], answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_urgency_is_a_validation_problem_naming_the_field()
    {
        var answer = await ProblemOf(JsonRequests.With("""{"categoryCode":"0101","urgency":"very"}"""));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal(["urgency"], answer.ErrorFields);
    }

    [Fact]
    public async Task Malformed_json_is_answered_400()
    {
        var answer = await ProblemOf(JsonRequests.With("""{"categoryCode":"0101","""));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/malformed", answer.ProblemType);
    }

    [Fact]
    public async Task A_wrong_content_type_is_answered_415()
    {
        var answer = await ProblemOf(JsonRequests.With("""{"categoryCode":"0101","urgency":"normal"}""", "text/plain"));

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/unsupported-media-type", answer.ProblemType);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_answered_413()
    {
        var reason = new string('x', JsonBody.MaxBytes);

        var answer = await ProblemOf(JsonRequests.With(JsonSerializer.Serialize(new { categoryCode = "0101", urgency = "normal", reason })));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/payload-too-large", answer.ProblemType);
    }

    private Task<ActionPreparation> PrepareAsync(HttpRequest request) =>
        _action.PrepareAsync(request, ActionDecisions.AnyCase, Operator, Now, CancellationToken.None);

    private async Task<ExecutedResult> ProblemOf(HttpRequest request)
    {
        var prepared = await PrepareAsync(request);
        Assert.Null(prepared.Transition);
        Assert.Null(prepared.KeyFor);
        return await ResultRunner.ExecuteAsync(prepared.Problem!);
    }
}
