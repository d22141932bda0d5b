using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

[Collection(AzuriteDefinition.Name)]
public sealed class ApplyCaseActionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Caller Citizen = Reporter;

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Morning.AddMinutes(10));
    private readonly string _caseId = AzuriteFixture.NewCaseId();
    private UnitStore _units = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(_units, UnitFixtures.Unit("DEPT-CGJ"), UnitFixtures.Unit("DEPT-OTHER"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

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
        Assert.Equal(CaseState.Registered, stored!.Facts.State);
        Assert.Equal(Urgency.Urgent, stored.Facts.Urgency);
        Assert.Equal(CaseStage.Dispatch, stored.Facts.Clock!.Stage);
        Assert.Equal(
            new TimelineEntry(2, "register", CaseState.Reported, CaseState.Registered, "op-1", Roles.Operator, _clock.GetUtcNow(), null, null),
            stored.Timeline[1]);
        var raised = Assert.Single(durable.Events);
        Assert.Equal(CaseWorkflowNames.InstanceId(_caseId), raised.InstanceId);
        Assert.Equal(CaseWorkflowNames.StateChangedEvent, raised.Name);
        Assert.Equal(new CaseStateChanged(CaseState.Registered), raised.Payload);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_answers_202_again_writes_nothing_and_nudges_the_workflow_again()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var first = await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"重复上报"}""", "void-1");
        var retry = await ApplyAsync(durable, Operator, CaseActionNames.Void, """{ "reason" : "重复上报" }""", "void-1");

        Assert.Equal(StatusCodes.Status202Accepted, first.Status);
        Assert.Equal(StatusCodes.Status202Accepted, retry.Status);
        Assert.Equal("voided", retry.Body.GetProperty("state").GetString());
        // The first attempt may have committed and failed before its nudge: the retry is the client's only way to send it.
        Assert.Equal(2, durable.Events.Count);
        Assert.All(durable.Events, e => Assert.Equal(new CaseStateChanged(CaseState.Voided), e.Payload));
        Assert.Equal(2, (await _cases.FindAsync(_caseId, CancellationToken.None))!.Timeline.Count);
    }

    [Fact]
    public async Task The_same_key_with_another_body_answers_409_and_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"重复上报"}""", "void-1");

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"不属于城管"}""", "void-1");

        Assert.Equal(StatusCodes.Status409Conflict, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/idempotency-key-reused", answer.ProblemType);
        Assert.Single(durable.Events);
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
    public async Task An_action_the_state_does_not_allow_answers_409_with_the_decisions_detail()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        await ApplyAsync(durable, Operator, CaseActionNames.Void, """{"reason":"重复上报"}""");

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Register, """{"categoryCode":"0101","urgency":"normal"}""");

        Assert.Equal(StatusCodes.Status409Conflict, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/state-conflict", answer.ProblemType);
        Assert.Equal($"Case {_caseId}: The case is voided; 'register' is allowed only when it is reported.", answer.Detail);
        Assert.Single(durable.Events);
    }

    [Fact]
    public async Task A_pending_request_refuses_a_second_one_with_409()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        await new CaseSteps(_cases, _units).AcceptAsync(_caseId, "DEPT-CGJ", Morning);
        await ApplyAsync(durable, UnitStaff("DEPT-CGJ"), CaseActionNames.RequestSuspension, """{"reason":"需要专项资金"}""");

        var answer = await ApplyAsync(durable, UnitStaff("DEPT-CGJ"), CaseActionNames.RequestSuspension, """{"reason":"需要专项资金"}""");

        Assert.Equal(StatusCodes.Status409Conflict, answer.Status);
        Assert.Equal($"Case {_caseId}: A suspension request is already waiting for a decision.", answer.Detail);
    }

    [Fact]
    public async Task Staff_of_another_unit_are_answered_404_as_for_a_case_that_does_not_exist_and_change_nothing()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        await new CaseSteps(_cases, _units).DispatchAsync(_caseId, "DEPT-CGJ", Morning);
        var before = await _cases.FindAsync(_caseId, CancellationToken.None);

        var answer = await ApplyAsync(durable, UnitStaff("DEPT-OTHER"), CaseActionNames.Accept, "{}");
        var after = await _cases.FindAsync(_caseId, CancellationToken.None);

        // A case id must not be probed: the answer is the one for an unknown case.
        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/not-found", answer.ProblemType);
        Assert.Equal($"No case {_caseId} is visible to you.", answer.Detail);
        Assert.Equal(before!.Facts, after!.Facts);
        Assert.Equal(before.Timeline.Count, after.Timeline.Count);
        Assert.Empty(durable.Events);
    }

    [Fact]
    public async Task The_assigned_unit_completes_with_photos_that_the_timeline_keeps()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        await new CaseSteps(_cases, _units).AcceptAsync(_caseId, "DEPT-CGJ", Morning);

        var unitStaff = UnitStaff("DEPT-CGJ");
        var photo = await azurite.UploadPhotoAsync(unitStaff.Issuer, unitStaff.Subject, Roles.Unit);

        var answer = await ApplyAsync(durable, unitStaff, CaseActionNames.Complete, $$"""{"result":"已清运","attachmentIds":["{{photo}}"]}""");
        var stored = await _cases.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal("handled", answer.Body.GetProperty("state").GetString());
        var entry = stored!.Timeline[^1];
        Assert.Equal(
            new TimelineEntry(5, "complete", CaseState.Accepted, CaseState.Handled, "unit-staff-1", Roles.Unit, _clock.GetUtcNow(), "已清运", null),
            entry with { AttachmentIds = null });
        Assert.Equal([photo], entry.AttachmentIds);
        Assert.Equal(_caseId, (await azurite.Attachments.FindAsync(photo, CancellationToken.None))!.CaseId);
        Assert.Equal(new CaseStateChanged(CaseState.Handled), Assert.Single(durable.Events).Payload);
    }

    [Fact]
    public async Task Completing_with_someone_elses_photo_answers_400_naming_it_and_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        await new CaseSteps(_cases, _units).AcceptAsync(_caseId, "DEPT-CGJ", Morning);
        var colleague = await azurite.UploadPhotoAsync(TestJwt.Issuer, "unit-staff-2", Roles.Unit);
        var timeline = (await _cases.FindAsync(_caseId, CancellationToken.None))!.Timeline.Count;

        var answer = await ApplyAsync(durable, UnitStaff("DEPT-CGJ"), CaseActionNames.Complete, $$"""{"result":"已清运","attachmentIds":["{{colleague}}"]}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.True(answer.Body.GetProperty("errors").TryGetProperty("attachmentIds[0]", out _));
        Assert.Equal(timeline, (await _cases.FindAsync(_caseId, CancellationToken.None))!.Timeline.Count);
        Assert.Null((await azurite.Attachments.FindAsync(colleague, CancellationToken.None))!.CaseId);
        Assert.Empty(durable.Events);
    }

    [Fact]
    public async Task An_action_the_case_refuses_leaves_its_photos_free_for_another()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        var unitStaff = UnitStaff("DEPT-CGJ");
        var photo = await azurite.UploadPhotoAsync(unitStaff.Issuer, unitStaff.Subject, Roles.Unit);

        // Not dispatched, let alone accepted: the case refuses completion.
        var answer = await ApplyAsync(durable, unitStaff, CaseActionNames.Complete, $$"""{"result":"已清运","attachmentIds":["{{photo}}"]}""");

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Null((await azurite.Attachments.FindAsync(photo, CancellationToken.None))!.CaseId);
    }

    [Fact]
    public async Task Dispatching_to_an_unknown_unit_answers_400_and_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        await new CaseSteps(_cases, _units).RegisterAsync(_caseId, Morning);

        var answer = await ApplyAsync(durable, Dispatcher, CaseActionNames.Dispatch, """{"unitCode":"DEPT-NONE"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["unitCode"], answer.ErrorFields);
        Assert.Equal(CaseState.Registered, await StateAsync());
    }

    [Fact]
    public async Task An_unknown_case_answers_404()
    {
        await using var durable = new RecordingDurableClient();

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Register, """{"categoryCode":"0101","urgency":"normal"}""");

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/not-found", answer.ProblemType);
        Assert.Equal($"No case {_caseId} is visible to you.", answer.Detail);
        Assert.Empty(durable.Events);
    }

    [Fact]
    public async Task An_unknown_action_answers_404_listing_the_known_ones()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var answer = await ApplyAsync(durable, Operator, "close", "{}");

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal(
            "There is no case action 'close'. Known: accept, acknowledge-slip, assign-inspector, check, complete, decide-postponement, decide-suspension, " +
            "dispatch, merge, rate, register, request-postponement, request-suspension, resume, return, verify, void.",
            answer.Detail);
    }

    [Fact]
    public async Task A_caller_without_the_actions_role_answers_403_and_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var answer = await ApplyAsync(durable, Citizen, CaseActionNames.Void, """{"reason":"不想要了"}""");

        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        Assert.Equal("'void' needs one of the roles: operator, shift-lead.", answer.Detail);
        Assert.Equal(CaseState.Reported, await StateAsync());
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
        Assert.Equal(CaseState.Reported, await StateAsync());
    }

    [Fact]
    public async Task An_invalid_body_answers_400_and_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();

        var answer = await ApplyAsync(durable, Operator, CaseActionNames.Register, """{"categoryCode":"1"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["categoryCode", "urgency"], answer.ErrorFields.Order(StringComparer.Ordinal));
        Assert.Equal(CaseState.Reported, await StateAsync());
    }

    [Fact]
    public async Task Acknowledge_slip_is_routed_to_the_slip_and_does_not_nudge_the_workflow()
    {
        await using var durable = new RecordingDurableClient();
        await CreateCaseAsync();
        var slipId = _caseId + "-s03-02";
        await _cases.IssueSlipAsync(
            new IssueSlipCommand(_caseId, slipId, 2, SlipKind.Urging, "handle", Morning, Morning.AddHours(4), "DEPT-CGJ"), CancellationToken.None);

        var answer = await ApplyAsync(durable, UnitStaff("DEPT-CGJ"), CaseActionNames.AcknowledgeSlip, $$"""{"slipId":"{{slipId}}"}""");
        var slip = Assert.Single((await _cases.FindAsync(_caseId, CancellationToken.None))!.Slips);

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal($"/api/v1/cases/{_caseId}", answer.Headers.Location.ToString());
        Assert.Equal(_clock.GetUtcNow(), slip.AcknowledgedAt);
        Assert.Equal("unit-staff-1", slip.AcknowledgedBy);
        Assert.Empty(durable.Events);
    }

    private Task<bool> CreateCaseAsync() => _cases.CreateAsync(NewCase(_caseId, Citizen.Subject), CancellationToken.None);

    private async Task<CaseState?> StateAsync() => (await _cases.ReadClockAsync(_caseId, CancellationToken.None))?.Facts.State;

    private async Task<ExecutedResult> ApplyAsync(RecordingDurableClient durable, Caller caller, string action, string body, string? key = null)
    {
        var commands = new CaseCommands(AllActions(_units, _cases), _cases, CaseFixtures.Claims(azurite.Tables, _cases, _clock), _clock);
        var handler = new ApplyCaseAction(commands, new AcknowledgeSlip(_cases, _clock), CaseFixtures.Assigner(azurite.Tables, commands, _cases, _clock));
        var http = UnitFixtures.Request(caller, body);
        if (key is not null)
        {
            http.Request.Headers[RequestKey.HeaderName] = key;
        }

        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http, durable, _caseId, action), http);
    }
}
