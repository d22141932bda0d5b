using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.Orchestrations.Geo;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Inspection;

/// <summary>
/// The inspectors' app (城管通) over HTTP on the standalone host with Azurite: 核实 tasks from a citizen's report to
/// registration, 核查 tasks that close a case or send it to rework, 自行处置, other inspectors' tasks, the overdue
/// task's slips to the center, and bad input.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class InspectorAppTests(HubFixture hub) : IAsyncLifetime
{
    private static readonly SampleCity City = SampleCity.Generate();
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly IReadOnlyList<UnitGrid> Patrollable = [.. City.Grids.Where(g => g.District.Code != "320724")];
    private static int _nextGrid = Random.Shared.Next(100, 2000);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private HttpClient _admin = null!;
    private HttpClient _operator = null!;
    private HttpClient _citizen = null!;

    public async Task InitializeAsync()
    {
        _admin = await hub.Host.ClientForAsync("admin-e2e", Roles.Admin);
        _operator = await hub.Host.ClientForAsync("operator-e2e", Roles.Operator);
        _citizen = await hub.Host.ClientForAsync("citizen-" + _run, Roles.Citizen);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_reported_case_is_verified_by_the_inspector_patrolling_it_nearest_first_then_registered()
    {
        var (near, far) = (NextGrid(), NextGrid());
        var (inspectorId, inspector) = await InspectorAsync("wang", near.Code, far.Code);
        var farCase = await _citizen.SubmitCaseAsync(Report(far, "路灯不亮"));
        var nearCase = await _citizen.SubmitCaseAsync(Report(near, "井盖缺失"));

        var assignedFar = await AssignAsync(farCase, "{}");
        var assignedNear = await AssignAsync(nearCase, """{"note":"请尽快核实"}""");
        Assert.Equal((inspectorId, InspectionKind.Verify), (assignedNear.InspectorId, assignedNear.Kind));

        var here = CoordinateConversion.FromWgs84(Centre(near), CoordinateSystem.Gcj02);
        var list = await ListAsync(inspector, string.Create(CultureInfo.InvariantCulture, $"?lat={here.Lat}&lon={here.Lon}&crs=gcj02"));
        Assert.Equal([nearCase, farCase], list.Select(t => t.CaseId));
        Assert.InRange(list[0].DistanceMetres!.Value, 0, 2);
        Assert.True(list[1].DistanceMetres > list[0].DistanceMetres);
        var task = list[0];
        Assert.Equal((assignedNear.TaskId, InspectionTaskState.Open, "井盖缺失"), (task.TaskId, task.State, task.Description));
        var stage = (await _operator.GetCaseAsync(nearCase)).Stage!;
        Assert.Equal((assignedNear.DueAt, "register"), (task.DueAt, stage.Name));
        Assert.Equal(stage.Deadline, task.DueAt);

        var photo = await inspector.UploadPhotoAsync();
        var completed = await CompleteAsync(inspector, task.TaskId, $$"""{"confirmed":true,"remarks":"现场属实","attachmentIds":["{{photo}}"]}""");
        Assert.Equal((InspectionTaskState.Completed, InspectionOutcome.Confirmed), (completed.State, completed.Outcome));

        var verified = await _operator.GetCaseAsync(nearCase);
        Assert.Equal(CaseState.Reported, verified.State);
        Assert.Equal(("verify", inspectorId, "现场属实"), (verified.Timeline[^1].Action, verified.Timeline[^1].Actor, verified.Timeline[^1].Reason));
        Assert.Equal("assign-inspector", verified.Timeline[^2].Action);

        using var registered = await _operator.RegisterAsync(nearCase);
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var after = await ListAsync(inspector);
        Assert.Equal([farCase, nearCase], after.Select(t => t.CaseId));
        Assert.Equal(InspectionTaskState.Completed, after[1].State);
        Assert.Equal(assignedFar.TaskId, after[0].TaskId);
    }

    [Fact]
    public async Task A_verification_not_confirmed_voids_the_case()
    {
        var grid = NextGrid();
        var (_, inspector) = await InspectorAsync("li", grid.Code);
        var caseId = await _citizen.SubmitCaseAsync(Report(grid, "占道经营"));
        var assigned = await AssignAsync(caseId, "{}");

        var done = await CompleteAsync(inspector, assigned.TaskId, """{"confirmed":false,"remarks":"现场未见占道"}""");

        Assert.Equal(InspectionOutcome.NotConfirmed, done.Outcome);
        Assert.Equal(CaseState.Voided, (await _operator.GetCaseAsync(caseId)).State);
    }

    [Fact]
    public async Task A_self_handled_report_goes_straight_to_check_and_a_passed_check_task_closes_it()
    {
        var grid = NextGrid();
        var (reporterId, reporter) = await InspectorAsync("zhou", grid.Code);
        var (checkerId, checker) = await InspectorAsync("chen", NextGrid().Code);
        var photo = await reporter.UploadPhotoAsync();
        var report = Report(grid, "路面散落垃圾，已清扫") with { CategoryCode = "0201", AttachmentIds = [photo], SelfHandled = true };

        var caseId = await reporter.SubmitCaseAsync(report);
        var handled = await _operator.GetCaseAsync(caseId);
        Assert.Equal((CaseState.Handled, "check", CaseSource.Inspector), (handled.State, handled.Stage!.Name, handled.Source));

        var byArea = await AssignAsync(caseId, "{}");
        Assert.Equal((reporterId, InspectionKind.Check), (byArea.InspectorId, byArea.Kind));
        var reassigned = await AssignAsync(caseId, $$"""{"inspectorId":"{{checkerId}}"}""");
        Assert.Equal(byArea.TaskId, reassigned.TaskId);
        Assert.Equal(InspectionTaskState.Cancelled, Assert.Single(await ListAsync(reporter), t => t.TaskId == byArea.TaskId).State);

        var done = await CompleteAsync(checker, reassigned.TaskId, """{"passed":true,"remarks":"已清理干净"}""");

        Assert.Equal((InspectionKind.Check, InspectionOutcome.Passed), (done.Kind, done.Outcome));
        Assert.Equal(CaseState.Closed, (await _operator.GetCaseAsync(caseId)).State);
    }

    [Fact]
    public async Task A_failed_check_task_sends_the_case_back_to_its_unit_for_rework()
    {
        var grid = NextGrid();
        var (_, inspector) = await InspectorAsync("zhao", grid.Code);
        var units = await _operator.GetFromJsonAsync("api/v1/units?kind=enterprise", LygJsonContext.Default.UnitPage);
        var unitCode = units!.Items[0].Code;
        var unit = await hub.Host.ClientForAsync("unit-staff-insp", Roles.Unit, unitCode);
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-e2e", Roles.Dispatcher);
        var caseId = await _citizen.SubmitCaseAsync(Report(grid, "井盖破损"));
        await ExpectAsync(_operator.RegisterAsync(caseId));
        await ExpectAsync(dispatcher.ActAsync(caseId, "dispatch", $$"""{"unitCode":"{{unitCode}}"}"""));
        await ExpectAsync(unit.ActAsync(caseId, "accept", "{}"));
        await ExpectAsync(unit.ActAsync(caseId, "complete", """{"result":"已更换"}"""));
        var assigned = await AssignAsync(caseId, "{}");

        var photo = await inspector.UploadPhotoAsync();
        var failed = await CompleteAsync(inspector, assigned.TaskId, $$"""{"passed":false,"remarks":"井盖仍破损","attachmentIds":["{{photo}}"]}""");
        var replay = await CompleteAsync(inspector, assigned.TaskId, $$"""{"passed":false,"remarks":"井盖仍破损","attachmentIds":["{{photo}}"]}""");
        using var different = await PostCompleteAsync(inspector, assigned.TaskId, """{"passed":true}""");

        Assert.Equal(InspectionOutcome.Failed, failed.Outcome);
        Assert.Equal((failed.TaskId, failed.CompletedAt, failed.Outcome, failed.Remarks), (replay.TaskId, replay.CompletedAt, replay.Outcome, replay.Remarks));
        Assert.Equal([photo], replay.AttachmentIds);
        await different.AssertProblemAsync(HttpStatusCode.Conflict);
        var rework = await _operator.GetCaseAsync(caseId);
        Assert.Equal((CaseState.Dispatched, 1, unitCode, "handle"), (rework.State, rework.ReworkCount, rework.AssignedUnit, rework.Stage!.Name));
    }

    [Fact]
    public async Task Another_inspectors_task_is_403_and_a_case_moved_on_by_the_operator_cancels_its_task()
    {
        var grid = NextGrid();
        var (_, inspector) = await InspectorAsync("sun", grid.Code);
        var (_, stranger) = await InspectorAsync("qian", NextGrid().Code);
        var caseId = await _citizen.SubmitCaseAsync(Report(grid, "乱堆物料"));
        var assigned = await AssignAsync(caseId, "{}");

        using var forbidden = await PostCompleteAsync(stranger, assigned.TaskId, """{"confirmed":true}""");
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await ListAsync(stranger));

        using var voided = await _operator.ActAsync(caseId, "void", """{"reason":"重复上报"}""");
        Assert.Equal(HttpStatusCode.Accepted, voided.StatusCode);
        Assert.Equal(InspectionTaskState.Cancelled, Assert.Single(await ListAsync(inspector)).State);
        using var late = await PostCompleteAsync(inspector, assigned.TaskId, """{"confirmed":true}""");
        await late.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_overdue_verify_task_shows_overdue_and_its_register_stage_sends_the_slips_to_the_center()
    {
        var grid = NextGrid();
        var (_, inspector) = await InspectorAsync("he", grid.Code);
        var supervisor = await hub.Host.ClientForAsync("supervisor-insp", Roles.Supervisor);
        var caseId = await _citizen.SubmitCaseAsync(Report(grid, "广告牌破损"));
        var assigned = await AssignAsync(caseId, "{}");

        var late = await Poll.UntilAsync(() => supervisor.GetCaseAsync(caseId), c => c.Slips.Any(s => s.Kind == SlipKind.Urging), Patience, "the urging slip");
        var urging = late.Slips.First(s => s.Kind == SlipKind.Urging);
        Assert.Equal(("register", "center", assigned.DueAt), (urging.Stage, urging.AddressedTo, urging.Deadline));
        Assert.True(urging.IssuedAt >= assigned.DueAt);
        var task = Assert.Single(await ListAsync(inspector));
        Assert.True(task.Overdue);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_changes_nothing()
    {
        var grid = NextGrid();
        var (inspectorId, inspector) = await InspectorAsync("bad", grid.Code);
        var caseId = await _citizen.SubmitCaseAsync(Report(grid, "违章停车"));
        // 灌南县: no sample inspector patrols it, and the tests here patrol only the grids they draw.
        var lonely = await _citizen.SubmitCaseAsync(Report(City.Grids.Last(g => g.District.Code == "320724"), "无人巡查之处"));

        using var unknownInspector = await _operator.ActAsync(caseId, "assign-inspector", """{"inspectorId":"nobody-here"}""");
        Assert.Equal(["inspectorId"], FieldsOf(await unknownInspector.AssertProblemAsync(HttpStatusCode.BadRequest)));
        using var nobody = await _operator.ActAsync(lonely, "assign-inspector", "{}");
        await nobody.AssertProblemAsync(HttpStatusCode.Conflict);
        using var byCitizen = await _citizen.ActAsync(caseId, "assign-inspector", "{}");
        await byCitizen.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Single((await _operator.GetCaseAsync(caseId)).Timeline);

        var assigned = await AssignAsync(caseId, "{}");
        using var halfPosition = await inspector.GetAsync("api/v1/inspector/tasks?lat=34.6");
        Assert.Equal(["lon"], FieldsOf(await halfPosition.AssertProblemAsync(HttpStatusCode.BadRequest)));
        using var noDecision = await PostCompleteAsync(inspector, assigned.TaskId, """{"remarks":"看过了"}""");
        Assert.Equal(["confirmed"], FieldsOf(await noDecision.AssertProblemAsync(HttpStatusCode.BadRequest)));
        using var notOwnPhoto = await PostCompleteAsync(inspector, assigned.TaskId, $$"""{"confirmed":true,"attachmentIds":["{{await _citizen.UploadPhotoAsync()}}"]}""");
        Assert.Equal(["attachmentIds[0]"], FieldsOf(await notOwnPhoto.AssertProblemAsync(HttpStatusCode.BadRequest)));
        using var tooMany = await PostCompleteAsync(inspector, assigned.TaskId,
            "{\"confirmed\":true,\"attachmentIds\":[" + string.Join(",", Enumerable.Range(0, 10).Select(i => $"\"a{i}\"")) + "]}");
        Assert.StartsWith("attachmentIds", FieldsOf(await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest))[0], StringComparison.Ordinal);
        Assert.Equal(InspectionTaskState.Open, Assert.Single(await ListAsync(inspector)).State);
        Assert.Equal(CaseState.Reported, (await _operator.GetCaseAsync(caseId)).State);

        using var selfHandledByCitizen = await _citizen.SubmitAsync(Report(grid, "已处理") with { SelfHandled = true });
        Assert.Equal(["selfHandled"], FieldsOf(await selfHandledByCitizen.AssertProblemAsync(HttpStatusCode.BadRequest)));
        using var selfHandledWithoutPhoto = await inspector.SubmitAsync(Report(grid, "已处理") with { CategoryCode = "0201", SelfHandled = true });
        Assert.Equal(["attachmentIds"], FieldsOf(await selfHandledWithoutPhoto.AssertProblemAsync(HttpStatusCode.BadRequest)));

        using var badArea = await _admin.PutAsync($"api/v1/inspectors/{inspectorId}-x", Json("""{"name":"新人","patrolAreas":["320706999999999"]}"""));
        Assert.Equal(["patrolAreas[0]"], FieldsOf(await badArea.AssertProblemAsync(HttpStatusCode.BadRequest)));
        using var missing = await _admin.GetAsync($"api/v1/inspectors/{inspectorId}-x");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Development_plants_sample_inspectors_whose_subjects_ask_for_dev_tokens()
    {
        var sample = await _admin.GetFromJsonAsync("api/v1/inspectors/inspector-haizhou-1", LygJsonContext.Default.InspectorView);
        var self = await (await hub.Host.ClientForAsync("inspector-haizhou-1", Roles.Inspector)).GetFromJsonAsync("api/v1/inspectors/inspector-haizhou-1", LygJsonContext.Default.InspectorView);

        Assert.True(sample!.Active);
        Assert.All(sample.PatrolAreas, a => Assert.StartsWith("320706", a, StringComparison.Ordinal));
        Assert.Equal((sample.InspectorId, sample.Name), (self!.InspectorId, self.Name));
        Assert.Equal(sample.PatrolAreas, self.PatrolAreas);
    }

    /// <summary>A grid no other test of the class draws; never one of 灌南县, which stays unpatrolled.</summary>
    private static UnitGrid NextGrid() => Patrollable[Interlocked.Add(ref _nextGrid, 11) % Patrollable.Count];

    private static GeoPoint Centre(UnitGrid grid) => new(grid.Boundary.Centroid.Y, grid.Boundary.Centroid.X);

    private static SubmitReportRequest Report(UnitGrid grid, string description) =>
        Api.ManholeReport(description) with { Location = new GeoLocation(Centre(grid).Lat, Centre(grid).Lon, CoordinateSystem.Wgs84) };

    private async Task<(string Id, HttpClient Client)> InspectorAsync(string name, params string[] areas)
    {
        var id = $"e2e-{name}-{_run}";
        var body = "{\"name\":\"监督员" + name + "\",\"patrolAreas\":[" + string.Join(",", areas.Select(a => $"\"{a}\"")) + "]}";
        using var put = await _admin.PutAsync($"api/v1/inspectors/{id}", Json(body));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return (id, await hub.Host.ClientForAsync(id, Roles.Inspector));
    }

    private async Task<InspectionTaskAssigned> AssignAsync(string caseId, string body)
    {
        using var response = await _operator.ActAsync(caseId, "assign-inspector", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.InspectionTaskAssigned))!;
    }

    private static async Task<IReadOnlyList<InspectionTaskView>> ListAsync(HttpClient inspector, string query = "")
    {
        var list = await inspector.GetFromJsonAsync("api/v1/inspector/tasks" + query, LygJsonContext.Default.InspectionTaskList);
        return list!.Items;
    }

    private static Task<HttpResponseMessage> PostCompleteAsync(HttpClient inspector, string taskId, string body) =>
        inspector.PostAsync($"api/v1/inspector/tasks/{taskId}/complete", Json(body));

    private static async Task<InspectionTaskView> CompleteAsync(HttpClient inspector, string taskId, string body)
    {
        using var response = await PostCompleteAsync(inspector, taskId, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.InspectionTaskView))!;
    }

    private static async Task ExpectAsync(Task<HttpResponseMessage> action)
    {
        using var response = await action;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static List<string> FieldsOf(System.Text.Json.JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
}
