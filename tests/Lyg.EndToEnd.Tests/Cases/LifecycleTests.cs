using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Cases;

/// <summary>
/// The closed loop over HTTP on the standalone host: 发现 → 立案 → 派单 → 签收 → 处置 → 核查 (返工) → 结案 → 评价,
/// the side paths (回退, 延期, 挂账), and every action refused where the case, the role or the unit does not allow it.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class LifecycleTests(HubFixture hub) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private HttpClient _citizen = null!;
    private HttpClient _operator = null!;
    private HttpClient _dispatcher = null!;
    private HttpClient _shiftLead = null!;
    private HttpClient _inspector = null!;
    private HttpClient _unit = null!;
    private HttpClient _otherUnit = null!;
    private string _unitCode = null!;
    private string _otherUnitCode = null!;

    public async Task InitializeAsync()
    {
        _citizen = await hub.Host.ClientForAsync("citizen-" + Guid.NewGuid().ToString("N")[..8], Roles.Citizen);
        _operator = await hub.Host.ClientForAsync("operator-zhang", Roles.Operator);
        _dispatcher = await hub.Host.ClientForAsync("dispatcher-zhao", Roles.Dispatcher);
        _shiftLead = await hub.Host.ClientForAsync("shift-lead-li", Roles.ShiftLead);
        _inspector = await hub.Host.ClientForAsync("inspector-wu", Roles.Inspector);
        var units = await _operator.GetFromJsonAsync("api/v1/units?kind=enterprise", LygJsonContext.Default.UnitPage);
        (_unitCode, _otherUnitCode) = (units!.Items[0].Code, units.Items[1].Code);
        _unit = await hub.Host.ClientForAsync("unit-staff-1", Roles.Unit, _unitCode);
        _otherUnit = await hub.Host.ClientForAsync("unit-staff-2", Roles.Unit, _otherUnitCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_case_runs_the_whole_loop_with_one_rework_and_is_rated_by_its_reporter()
    {
        var caseId = await _citizen.SubmitCaseAsync();

        await Expect(_operator.RegisterAsync(caseId), CaseState.Registered);
        await Expect(_dispatcher.ActAsync(caseId, "dispatch", $$"""{"unitCode":"{{_unitCode}}","instructions":"两小时内到场"}"""), CaseState.Dispatched);
        await Expect(_unit.ActAsync(caseId, "accept", "{}"), CaseState.Accepted);
        var photo = await _unit.UploadPhotoAsync();
        await Expect(_unit.ActAsync(caseId, "complete", $$"""{"result":"已更换井盖","attachmentIds":["{{photo}}"]}"""), CaseState.Handled);
        await Expect(_inspector.ActAsync(caseId, "check", """{"passed":false,"remarks":"井盖与路面不平"}"""), CaseState.Dispatched);

        var rework = await _operator.GetCaseAsync(caseId);
        Assert.Equal((1, _unitCode, "handle"), (rework.ReworkCount, rework.AssignedUnit, rework.Stage!.Name));

        await Expect(_unit.ActAsync(caseId, "accept", "{}"), CaseState.Accepted);
        await Expect(_unit.ActAsync(caseId, "complete", """{"result":"重新安装并找平"}"""), CaseState.Handled);
        await Expect(_operator.ActAsync(caseId, "check", """{"passed":true}"""), CaseState.Closed);
        await Expect(_citizen.ActAsync(caseId, "rate", """{"satisfaction":"basicallySatisfied","comment":"处理及时"}"""), CaseState.Closed);

        var closed = await Poll.UntilAsync(() => _operator.GetCaseAsync(caseId), c => c.Workflow?.Status == "completed", Patience, "the workflow to end");
        Assert.Equal((CaseState.Closed, Satisfaction.BasicallySatisfied), (closed.State, closed.Satisfaction));
        Assert.Null(closed.Stage);
        Assert.Equal(
            ["report", "register", "dispatch", "accept", "complete", "check", "accept", "complete", "check", "rate"],
            closed.Timeline.Select(t => t.Action));
        Assert.Equal([photo], closed.Timeline[4].AttachmentIds);
        Assert.Equal(("inspector", "井盖与路面不平"), (closed.Timeline[5].Role, closed.Timeline[5].Reason));
        Assert.Equal(Enumerable.Range(1, 10), closed.Timeline.Select(t => t.Sequence));
    }

    [Fact]
    public async Task A_returned_case_goes_back_to_the_dispatcher_and_can_be_dispatched_elsewhere()
    {
        var caseId = await DispatchedCaseAsync();

        using var noReason = await _unit.ActAsync(caseId, "return", "{}");
        await noReason.AssertProblemAsync(HttpStatusCode.BadRequest);
        await Expect(_unit.ActAsync(caseId, "return", """{"reason":"不属于本单位养护范围"}"""), CaseState.Returned);

        var returned = await _operator.GetCaseAsync(caseId);
        Assert.Equal((null, "dispatch"), (returned.AssignedUnit, returned.Stage!.Name));
        await Expect(_dispatcher.ActAsync(caseId, "dispatch", $$"""{"unitCode":"{{_otherUnitCode}}"}"""), CaseState.Dispatched);
        await Expect(_otherUnit.ActAsync(caseId, "accept", "{}"), CaseState.Accepted);
    }

    [Fact]
    public async Task A_postponement_pauses_the_clock_and_approval_moves_the_deadline_by_working_days()
    {
        var caseId = await DispatchedCaseAsync();
        await Expect(_unit.ActAsync(caseId, "accept", "{}"), CaseState.Accepted);
        var before = (await _operator.GetCaseAsync(caseId)).Stage!;

        await Expect(_unit.ActAsync(caseId, "request-postponement", """{"extraWorkingDays":2,"reason":"需采购井盖"}"""), CaseState.Accepted);
        var pending = await _operator.GetCaseAsync(caseId);
        Assert.Equal((2, true), (pending.Pending.PostponementWorkingDays, pending.Stage!.Paused));
        using var twice = await _unit.ActAsync(caseId, "request-postponement", """{"extraWorkingDays":1,"reason":"again"}""");
        await twice.AssertProblemAsync(HttpStatusCode.Conflict);

        using var byUnit = await _unit.ActAsync(caseId, "decide-postponement", """{"approved":true}""");
        await byUnit.AssertProblemAsync(HttpStatusCode.Forbidden);
        await Expect(_shiftLead.ActAsync(caseId, "decide-postponement", """{"approved":true,"reason":"同意"}"""), CaseState.Accepted);

        var extended = await _operator.GetCaseAsync(caseId);
        Assert.Null(extended.Pending.PostponementWorkingDays);
        Assert.False(extended.Stage!.Paused);
        Assert.True(extended.Stage.Deadline - before.Deadline >= TimeSpan.FromHours(16), $"two working days later than {before.Deadline:O}: {extended.Stage.Deadline:O}");
        Assert.NotEqual(TrafficLight.Overdue, extended.Stage.Light);

        using var nothingPending = await _dispatcher.ActAsync(caseId, "decide-postponement", """{"approved":false}""");
        await nothingPending.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_suspended_case_freezes_its_clock_and_resumes_with_the_time_left()
    {
        var caseId = await DispatchedCaseAsync();
        await Expect(_unit.ActAsync(caseId, "request-suspension", """{"reason":"雨季无法施工"}"""), CaseState.Dispatched);
        Assert.True((await _operator.GetCaseAsync(caseId)).Pending.Suspension);
        using var notShiftLead = await _dispatcher.ActAsync(caseId, "decide-suspension", """{"approved":true}""");
        await notShiftLead.AssertProblemAsync(HttpStatusCode.Forbidden);
        await Expect(_shiftLead.ActAsync(caseId, "decide-suspension", """{"approved":true}"""), CaseState.Suspended);

        var suspended = await _operator.GetCaseAsync(caseId);
        Assert.True(suspended.Stage!.Paused);
        using var acceptWhileSuspended = await _unit.ActAsync(caseId, "accept", "{}");
        await acceptWhileSuspended.AssertProblemAsync(HttpStatusCode.Conflict);

        await Task.Delay(HubFixture.StageLimit + TimeSpan.FromSeconds(1));
        var stillSuspended = await _operator.GetCaseAsync(caseId);
        Assert.DoesNotContain(stillSuspended.Slips, s => s.IssuedAt > suspended.UpdatedAt);

        await Expect(_shiftLead.ActAsync(caseId, "resume", """{"note":"天气转好"}"""), CaseState.Dispatched);
        var resumed = await _operator.GetCaseAsync(caseId);
        Assert.False(resumed.Stage!.Paused);
        Assert.True(resumed.Stage.Deadline > suspended.Stage.Deadline, "the deadline moves by the time spent suspended");
    }

    public static TheoryData<string, string, string> RefusedInReportedState => new()
    {
        { "dispatcher", "dispatch", """{"unitCode":"UNIT"}""" },
        { "unit", "accept", "{}" },
        { "unit", "complete", """{"result":"done"}""" },
        { "inspector", "check", """{"passed":true}""" },
        { "shift-lead", "resume", "{}" },
        { "citizen", "rate", """{"satisfaction":"satisfied"}""" },
        { "shift-lead", "decide-suspension", """{"approved":true}""" },
    };

    [Theory]
    [MemberData(nameof(RefusedInReportedState))]
    public async Task An_action_the_state_does_not_allow_answers_409_403_or_404_and_changes_nothing(string role, string action, string json)
    {
        var caseId = await _citizen.SubmitCaseAsync();
        var client = role switch
        {
            "dispatcher" => _dispatcher,
            "unit" => _unit,
            "inspector" => _inspector,
            "shift-lead" => _shiftLead,
            _ => _citizen,
        };

        using var response = await client.ActAsync(caseId, action, json.Replace("UNIT", _unitCode, StringComparison.Ordinal));

        // Unit staff do not see a case before it is dispatched to their unit: 404, as for a read.
        HttpStatusCode[] expected = role == "unit" ? [HttpStatusCode.NotFound] : [HttpStatusCode.Conflict, HttpStatusCode.Forbidden];
        Assert.True(expected.Contains(response.StatusCode), $"{action} answered {(int)response.StatusCode}");
        await response.AssertProblemAsync(response.StatusCode);
        var unchanged = await _operator.GetCaseAsync(caseId);
        Assert.Equal(CaseState.Reported, unchanged.State);
        Assert.Single(unchanged.Timeline);
    }

    [Fact]
    public async Task Units_act_on_and_see_only_their_own_cases()
    {
        var caseId = await DispatchedCaseAsync();

        // Another unit's case is not there for this unit, to act on as to read: case ids cannot be probed.
        using var foreignAccept = await _otherUnit.ActAsync(caseId, "accept", "{}");
        await foreignAccept.AssertProblemAsync(HttpStatusCode.NotFound);
        using var foreignRead = await _otherUnit.GetAsync($"api/v1/cases/{caseId}");
        await foreignRead.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(caseId, (await _unit.GetCaseAsync(caseId)).CaseId);

        var own = await _unit.GetFromJsonAsync($"api/v1/cases?unit={_otherUnitCode}&limit=200", LygJsonContext.Default.CasePage);
        Assert.Contains(own!.Items, c => c.CaseId == caseId);
        Assert.All(own.Items, c => Assert.Equal(_unitCode, c.AssignedUnit));

        using var unknownUnit = await _dispatcher.ActAsync(await RegisteredCaseAsync(), "dispatch", """{"unitCode":"NO-SUCH-UNIT"}""");
        var problem = await unknownUnit.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("unitCode", out _));
    }

    [Fact]
    public async Task Lists_filter_by_state_and_page_and_a_citizen_lists_only_their_reports()
    {
        var mine = await _citizen.SubmitCaseAsync();
        var other = await (await hub.Host.ClientForAsync("citizen-someone-else", Roles.Citizen)).SubmitCaseAsync();

        var reported = await _operator.GetFromJsonAsync("api/v1/cases?state=reported&limit=200", LygJsonContext.Default.CasePage);
        Assert.Contains(reported!.Items, c => c.CaseId == mine);
        Assert.All(reported.Items, c => Assert.Equal(CaseState.Reported, c.State));

        var own = await _citizen.GetFromJsonAsync("api/v1/cases?limit=200", LygJsonContext.Default.CasePage);
        Assert.Contains(own!.Items, c => c.CaseId == mine);
        Assert.DoesNotContain(own.Items, c => c.CaseId == other);

        var first = await _operator.GetFromJsonAsync("api/v1/cases?limit=1", LygJsonContext.Default.CasePage);
        Assert.Single(first!.Items);
        Assert.NotNull(first.ContinuationToken);
        var second = await _operator.GetFromJsonAsync($"api/v1/cases?limit=1&continuationToken={Uri.EscapeDataString(first.ContinuationToken!)}", LygJsonContext.Default.CasePage);
        Assert.NotEqual(first.Items[0].CaseId, Assert.Single(second!.Items).CaseId);

        using var badFilter = await _operator.GetAsync("api/v1/cases?state=lost&limit=0");
        var problem = await badFilter.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("state", out _) && problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task Overdue_cases_are_listed_red_and_their_unit_acknowledges_its_slips()
    {
        var caseId = await DispatchedCaseAsync();
        var late = await Poll.UntilAsync(() => _operator.GetCaseAsync(caseId), c => c.Slips.Any(s => s.Kind == SlipKind.Urging), Patience, "urging");
        Assert.Equal(TrafficLight.Overdue, late.Stage!.Light);

        var overdue = await _operator.GetFromJsonAsync("api/v1/cases?overdue=true&limit=200", LygJsonContext.Default.CasePage);
        Assert.Contains(overdue!.Items, c => c.CaseId == caseId && c.Light == TrafficLight.Overdue);

        var urging = late.Slips.First(s => s.Kind == SlipKind.Urging);
        Assert.Equal(_unitCode, urging.AddressedTo);
        using var foreign = await _otherUnit.ActAsync(caseId, "acknowledge-slip", $$"""{"slipId":"{{urging.SlipId}}"}""");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
        using var acknowledged = await _unit.ActAsync(caseId, "acknowledge-slip", $$"""{"slipId":"{{urging.SlipId}}"}""");
        Assert.Equal(HttpStatusCode.Accepted, acknowledged.StatusCode);

        var supervisor = await hub.Host.ClientForAsync("supervisor-sun", Roles.Supervisor);
        var open = await supervisor.GetFromJsonAsync($"api/v1/slips?unit={_unitCode}&acknowledged=false&limit=200", LygJsonContext.Default.SlipPage);
        Assert.DoesNotContain(open!.Items, s => s.SlipId == urging.SlipId);
        var done = await supervisor.GetFromJsonAsync($"api/v1/slips?unit={_unitCode}&acknowledged=true&kind=urging&limit=200", LygJsonContext.Default.SlipPage);
        var slip = Assert.Single(done!.Items, s => s.SlipId == urging.SlipId);
        Assert.Equal("unit-staff-1", slip.AcknowledgedBy);

        var unitView = await _unit.GetFromJsonAsync($"api/v1/slips?unit={_otherUnitCode}&limit=200", LygJsonContext.Default.SlipPage);
        Assert.All(unitView!.Items, s => Assert.Equal(_unitCode, s.AddressedTo));
    }

    private async Task<string> RegisteredCaseAsync()
    {
        var caseId = await _citizen.SubmitCaseAsync();
        await Expect(_operator.RegisterAsync(caseId), CaseState.Registered);
        return caseId;
    }

    private async Task<string> DispatchedCaseAsync()
    {
        var caseId = await RegisteredCaseAsync();
        await Expect(_dispatcher.ActAsync(caseId, "dispatch", $$"""{"unitCode":"{{_unitCode}}"}"""), CaseState.Dispatched);
        return caseId;
    }

    private static async Task Expect(Task<HttpResponseMessage> call, CaseState state)
    {
        using var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var accepted = await response.Content.ReadFromJsonAsync(LygJsonContext.Default.CaseActionAccepted);
        Assert.Equal(state, accepted!.State);
    }
}
