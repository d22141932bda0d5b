using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.Cases;

[Collection(AzuriteDefinition.Name)]
public sealed class ApplyCaseActionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset ReportedAt = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
    private static readonly Caller Operator = new("op-1", new HashSet<string> { Roles.Operator }, null);
    private static readonly Caller Citizen = new("citizen-1", new HashSet<string> { Roles.Citizen }, null);

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(ReportedAt.AddMinutes(10));
    private readonly string _caseId = AzuriteFixture.NewCaseId();

    [Fact]
    public async Task Registering_a_reported_case_answers_202_and_tells_the_workflow()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Register, """{"categoryCode":"0101","urgency":"urgent"}""");
        var stored = await _cases.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal($"/api/v1/cases/{_caseId}", answer.Headers.Location.ToString());
        Assert.Equal(_caseId, answer.Body.GetProperty("caseId").GetString());
        Assert.Equal("registered", answer.Body.GetProperty("state").GetString());
        Assert.Equal($"/api/v1/cases/{_caseId}", answer.Body.GetProperty("statusUrl").GetString());
        Assert.Equal(CaseState.Registered, stored!.State);
        Assert.Equal(Urgency.Urgent, stored.Urgency);
        Assert.Equal(new TimelineEntry(2, "register", CaseState.Reported, CaseState.Registered, "op-1", Roles.Operator, _clock.GetUtcNow(), null), stored.Timeline[1]);
        var raised = Assert.Single(durable.Events);
        Assert.Equal(CaseWorkflowNames.InstanceId(_caseId), raised.InstanceId);
        Assert.Equal(CaseWorkflowNames.StateChangedEvent, raised.Name);
        Assert.Equal(new CaseStateChanged(CaseState.Registered), raised.Payload);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_answers_202_again_without_telling_the_workflow_twice()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var first = await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"重复上报"}""", "void-1");
        var retry = await ApplyAsync(durable, Operator, CaseActionNames.Void, """{ "reason" : "重复上报" }""", "void-1");

        Assert.Equal(StatusCodes.Status202Accepted, first.Status);
        Assert.Equal(StatusCodes.Status202Accepted, retry.Status);
        Assert.Equal("voided", retry.Body.GetProperty("state").GetString());
        Assert.Single(durable.Events);
        Assert.Equal(2, (await _cases.FindAsync(_caseId, CancellationToken.None))!.Timeline.Count);
    }

    [Fact]
    public async Task The_same_key_with_another_body_answers_422()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"重复上报"}""", "void-1");

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"不属于城管"}""", "void-1");

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/idempotency-key-reused", answer.ProblemType);
    }

    [Fact]
    public async Task The_same_key_from_another_person_is_another_request()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        var otherOperator = Operator with { Subject = "op-2" };
        await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"重复上报"}""", "void-1");

        var answer = await ApplyAsync(durable, otherOperator, CaseActionNames.Void, """{"reason":"重复上报"}""", "void-1");

        Assert.Equal(StatusCodes.Status409Conflict, answer.Status);
    }

    [Fact]
    public async Task An_action_the_state_does_not_allow_answers_409_naming_both_states()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"重复上报"}""");

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Register, """{"categoryCode":"0101","urgency":"normal"}""");

        Assert.Equal(StatusCodes.Status409Conflict, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/state-conflict", answer.ProblemType);
        Assert.Equal($"Case {_caseId} is voided; 'register' is allowed only when it is reported.", answer.Detail);
        Assert.Single(durable.Events);
    }

    [Fact]
    public async Task An_unknown_case_answers_404()
    {
        await using var durable = new RecordingDurableClient();

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Register, """{"categoryCode":"0101","urgency":"normal"}""");

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Empty(durable.Events);
    }

    [Fact]
    public async Task An_unknown_action_answers_404_listing_the_known_ones()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var answer = await ApplyAsync(durable, Operator, "close", "{}");

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal("There is no case action 'close'. Known: register, void.", answer.Detail);
    }

    [Fact]
    public async Task A_caller_without_the_actions_role_answers_403_and_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var answer = await ApplyAsync(durable, Citizen, CaseActionNames.Void, """{"reason":"不想要了"}""");

        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        Assert.Equal("'void' needs one of the roles: operator, shift-lead.", answer.Detail);
        Assert.Equal(CaseState.Reported, await _cases.GetStateAsync(_caseId, CancellationToken.None));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("键")]
    public async Task A_malformed_idempotency_key_answers_400_before_anything_is_written(string key)
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"重复上报"}""", key);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([RequestKey.HeaderName], answer.ErrorFields);
        Assert.Equal(CaseState.Reported, await _cases.GetStateAsync(_caseId, CancellationToken.None));
    }

    [Fact]
    public async Task An_invalid_body_answers_400_and_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Register, """{"categoryCode":"1"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["categoryCode", "urgency"], answer.ErrorFields.Order(StringComparer.Ordinal));
        Assert.Equal(CaseState.Reported, await _cases.GetStateAsync(_caseId, CancellationToken.None));
    }

    private Task<bool> CreateCaseAsync() => _cases.CreateAsync(
        new NewCase(_caseId, CaseSource.Citizen, "垃圾满溢", null, 34.6, 119.2, CoordinateSystem.Wgs84, null, [], Citizen.Subject, Roles.Citizen, ReportedAt),
        CancellationToken.None);

    private async Task<ExecutedResult> ApplyAsync(RecordingDurableClient durable, Caller caller, string action, string body, string? key = null)
    {
        var handler = new ApplyCaseAction([new RegisterCase(), new VoidCase()], _cases, _clock);
        var http = new DefaultHttpContext();
        http.Features.Set(caller);
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        if (key is not null)
        {
            http.Request.Headers[RequestKey.HeaderName] = key;
        }

        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http, durable, _caseId, action), http);
    }
}
