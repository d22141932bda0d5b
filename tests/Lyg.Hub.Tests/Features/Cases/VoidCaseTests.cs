using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class VoidCaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
    private static readonly Caller ShiftLead = new(TestJwt.Issuer, "lead-3", new HashSet<string> { Roles.ShiftLead, Roles.Citizen }, null);

    private readonly VoidCase _action = new(Clocks);

    [Fact]
    public void Operators_and_shift_leads_may_void()
    {
        Assert.Equal(CaseActionNames.Void, _action.Name);
        Assert.Equal(new HashSet<string> { Roles.Operator, Roles.ShiftLead }, _action.AllowedRoles.ToHashSet());
    }

    [Fact]
    public async Task A_good_body_becomes_a_transition_with_the_trimmed_reason()
    {
        var prepared = await PrepareAsync(JsonRequests.With("""{"reason":"  重复上报  "}""", "application/json; charset=utf-8"));

        Assert.Null(prepared.Problem);
        var transition = prepared.Transition!;
        Assert.Equal(CaseActionNames.Void, transition.Action);
        Assert.Equal("lead-3", transition.Actor);
        Assert.Equal(Roles.ShiftLead, transition.Role);
        Assert.Equal(Now, transition.At);
        Assert.Equal("重复上报", transition.Reason);
        Assert.Empty(transition.AttachmentIds);
        Assert.NotNull(prepared.KeyFor);
    }

    [Theory]
    [InlineData(CaseState.Reported)]
    [InlineData(CaseState.Registered)]
    [InlineData(CaseState.Returned)]
    public async Task A_case_not_yet_with_a_unit_is_voided_and_its_clock_stopped(CaseState state)
    {
        var before = Facts(state);

        var next = await ActionDecisions.AllowedAsync(_action, ShiftLead, """{"reason":"重复上报"}""", before, Now);

        Assert.Equal(before with { State = CaseState.Voided, Clock = null }, next);
    }

    [Theory]
    [InlineData(CaseState.Voided)]
    [InlineData(CaseState.Dispatched)]
    [InlineData(CaseState.Accepted)]
    [InlineData(CaseState.Handled)]
    [InlineData(CaseState.Closed)]
    [InlineData(CaseState.Suspended)]
    public async Task A_case_with_a_unit_or_finished_cannot_be_voided(CaseState state)
    {
        var detail = await ActionDecisions.RefusedAsync(TransitionOutcome.StateConflict, _action, ShiftLead, """{"reason":"重复上报"}""", Facts(state), Now);

        Assert.EndsWith("'void' is allowed only when it is reported or registered or returned.", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"reason":null}""")]
    [InlineData("""{"reason":""}""")]
    [InlineData("""{"reason":"   "}""")]
    public async Task A_missing_reason_is_a_validation_problem(string body)
    {
        var answer = await ProblemOf(JsonRequests.With(body));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal(["reason"], answer.ErrorFields);
    }

    [Fact]
    public async Task A_reason_of_2000_characters_is_accepted_but_not_2001()
    {
        var ok = await PrepareAsync(JsonRequests.With(JsonSerializer.Serialize(new { reason = new string('因', CaseAction<VoidCaseRequest>.MaxTextLength) })));
        var tooLong = await ProblemOf(JsonRequests.With(JsonSerializer.Serialize(new { reason = new string('因', CaseAction<VoidCaseRequest>.MaxTextLength + 1) })));

        Assert.Null(ok.Problem);
        Assert.Equal(["reason"], tooLong.ErrorFields);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_answered_415(string? contentType)
    {
        var answer = await ProblemOf(JsonRequests.With("""{"reason":"重复"}""", contentType));

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"reason":"a",}""")]
    [InlineData("""{"reason":"a" /* note */}""")]
    public async Task Malformed_json_is_answered_400(string body)
    {
        var answer = await ProblemOf(JsonRequests.With(body));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/malformed", answer.ProblemType);
    }

    [Fact]
    public async Task A_reason_of_the_wrong_type_is_answered_400_naming_it()
    {
        var answer = await ProblemOf(JsonRequests.With("""{"reason":42}"""));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["reason"], answer.ErrorFields);
    }

    [Fact]
    public async Task A_declared_length_over_64_KiB_is_answered_413_without_reading()
    {
        var request = JsonRequests.With("""{"reason":"a"}""");
        request.ContentLength = JsonBody.MaxBytes + 1;

        var answer = await ProblemOf(request);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, answer.Status);
        Assert.Equal(0, request.Body.Position);
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_is_answered_413()
    {
        var body = JsonSerializer.Serialize(new { reason = new string('x', JsonBody.MaxBytes) });

        var answer = await ProblemOf(JsonRequests.With(body, declareLength: false));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/payload-too-large", answer.ProblemType);
    }

    [Fact]
    public async Task A_body_of_exactly_64_KiB_is_read()
    {
        var padding = JsonBody.MaxBytes - """{"reason":"r"}""".Length;
        var body = """{"reason":"r"}""" + new string(' ', padding);
        Assert.Equal(JsonBody.MaxBytes, body.Length);

        var prepared = await PrepareAsync(JsonRequests.With(body, declareLength: false));

        Assert.Null(prepared.Problem);
        Assert.Equal("r", prepared.Transition!.Reason);
    }

    private Task<ActionPreparation> PrepareAsync(HttpRequest request) =>
        _action.PrepareAsync(request, ActionDecisions.AnyCase, ShiftLead, Now, CancellationToken.None);

    private async Task<ExecutedResult> ProblemOf(HttpRequest request)
    {
        var prepared = await PrepareAsync(request);
        Assert.Null(prepared.Transition);
        return await ResultRunner.ExecuteAsync(prepared.Problem!);
    }
}
