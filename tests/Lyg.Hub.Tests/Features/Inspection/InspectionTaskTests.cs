using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Inspection;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Inspection;

/// <summary>
/// 核实 and 核查 tasks on Azurite through the handlers both hosts serve: assignment by patrol area, the inspector's own
/// list, completion through the case actions, replays, other inspectors' tasks, and tasks whose case moved on.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class InspectionTaskTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly InspectorStore _inspectors = new(azurite.Tables);
    private readonly InspectionTaskStore _tasks = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Morning.AddMinutes(10));
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<InspectorView> _saved = [];
    private UnitStore _units = null!;
    private CaseCommands _commands = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitFixtures.NewStoreAsync(azurite);
        _commands = new CaseCommands(AllActions(_units, _cases), _cases, Claims(azurite.Tables, _cases, _clock), _clock);
    }

    /// <summary>
    /// Retires this test's inspectors: their patrol areas are real grids of the sample city, and an active inspector
    /// left behind on a reused Azurite would take the next run's cases in the same grid or community.
    /// </summary>
    public async Task DisposeAsync()
    {
        foreach (var saved in _saved)
        {
            await _inspectors.UpsertAsync(saved with { Active = false }, CancellationToken.None);
        }
    }

    private Caller Inspector(string name) => Person($"{name}-{_run}", Roles.Inspector);

    [Fact]
    public async Task A_reported_case_goes_to_the_inspector_patrolling_its_grid_and_is_due_when_its_register_stage_is()
    {
        var grid = GridNo(1);
        var byGrid = await SaveInspectorAsync("grid", grid.Code);
        await SaveInspectorAsync("community", grid.Community.Code);
        var caseId = await ReportedCaseInAsync(grid);

        var answer = await AssignAsync(caseId, "{}");
        var facts = (await _cases.FindAsync(caseId, CancellationToken.None))!;

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal((byGrid.Subject, "verify", $"{caseId}-v01"), (answer.Body.GetProperty("inspectorId").GetString(), answer.Body.GetProperty("kind").GetString(), answer.Body.GetProperty("taskId").GetString()));
        Assert.Equal(CaseState.Reported, facts.Facts.State);
        var entry = facts.Timeline[^1];
        Assert.Equal((CaseActionNames.AssignInspector, CaseState.Reported, "op-1"), (entry.Action, entry.ToState, entry.Actor));
        Assert.Contains(byGrid.Subject, entry.Reason, StringComparison.Ordinal);

        var task = Assert.Single(await ListAsync(byGrid));
        Assert.Equal((InspectionKind.Verify, InspectionTaskState.Open, caseId, facts.Facts.Clock!.Deadline), (task.Kind, task.State, task.CaseId, task.DueAt));
        Assert.Equal(("垃圾满溢", false), (task.Description, task.Overdue));
    }

    [Fact]
    public async Task Without_a_grid_match_the_community_inspector_takes_it_and_a_named_inspector_overrides_both()
    {
        var grid = GridNo(2);
        var byCommunity = await SaveInspectorAsync("community", grid.Community.Code);
        var named = await SaveInspectorAsync("named", GridNo(3).Code);
        var first = await ReportedCaseInAsync(grid);
        var second = await ReportedCaseInAsync(grid);

        var byArea = await AssignAsync(first, "{}");
        var byName = await AssignAsync(second, $$"""{"inspectorId":"{{named.Subject}}","note":"就近"}""");

        Assert.Equal(byCommunity.Subject, byArea.Body.GetProperty("inspectorId").GetString());
        Assert.Equal(named.Subject, byName.Body.GetProperty("inspectorId").GetString());
        Assert.Equal([second], (await ListAsync(named)).Select(t => t.CaseId));
    }

    [Fact]
    public async Task No_inspector_for_the_place_an_unknown_one_or_a_case_between_stages_is_refused_and_nothing_is_written()
    {
        var unpatrolled = await ReportedCaseInAsync(GridNo(4));
        var registered = await ReportedCaseInAsync(GridNo(5));
        await ActAsync(registered, Operator, CaseActionNames.Register, """{"categoryCode":"0101","urgency":"normal"}""");

        var none = await AssignAsync(unpatrolled, "{}");
        var unknown = await AssignAsync(unpatrolled, """{"inspectorId":"nobody-at-all"}""");
        var malformed = await AssignAsync(unpatrolled, """{"inspectorId":"has space"}""");
        var between = await AssignAsync(registered, "{}");
        var citizen = await AssignAsync(unpatrolled, "{}", Reporter);

        Assert.Equal((409, "https://lyg-serverless.dev/problems/no-inspector"), (none.Status, none.ProblemType));
        Assert.Equal(400, unknown.Status);
        Assert.Equal(["inspectorId"], unknown.ErrorFields);
        Assert.Equal(400, malformed.Status);
        Assert.Equal(["inspectorId"], malformed.ErrorFields);
        Assert.Equal(409, between.Status);
        Assert.Equal(403, citizen.Status);
        Assert.Single((await _cases.FindAsync(unpatrolled, CancellationToken.None))!.Timeline);
    }

    [Fact]
    public async Task A_confirmed_verification_leaves_the_case_for_registration_and_replays_answer_the_same()
    {
        var (inspector, caseId, taskId) = await VerifyTaskAsync(6);
        var photo = await azurite.UploadPhotoAsync(inspector.Issuer, inspector.Subject, Roles.Inspector);
        var body = $$"""{"confirmed":true,"remarks":"现场属实","attachmentIds":["{{photo}}"]}""";

        var done = await CompleteAsync(inspector, taskId, body);
        var again = await CompleteAsync(inspector, taskId, body);
        var different = await CompleteAsync(inspector, taskId, """{"confirmed":false,"remarks":"不属实"}""");
        var stored = (await _cases.FindAsync(caseId, CancellationToken.None))!;

        Assert.Equal(200, done.Status);
        Assert.Equal(("completed", "confirmed", "现场属实"), (done.Body.GetProperty("state").GetString(), done.Body.GetProperty("outcome").GetString(), done.Body.GetProperty("remarks").GetString()));
        Assert.Equal((200, done.Body.ToString()), (again.Status, again.Body.ToString()));
        Assert.Equal((409, "https://lyg-serverless.dev/problems/task-completed"), (different.Status, different.ProblemType));
        Assert.Equal(CaseState.Reported, stored.Facts.State);
        var verified = stored.Timeline[^1];
        Assert.Equal((CaseActionNames.Verify, "现场属实", Roles.Inspector), (verified.Action, verified.Reason, verified.Role));
        Assert.Equal([photo], verified.AttachmentIds);
        Assert.Equal(1, stored.Timeline.Count(t => t.Action == CaseActionNames.Verify));

        // The operator registers the verified case with the category and urgency the center decides.
        Assert.Equal(202, (await ActAsync(caseId, Operator, CaseActionNames.Register, """{"categoryCode":"0101","urgency":"normal"}""")).Status);
        var reassigned = await AssignAsync(caseId, "{}");
        Assert.Equal(409, reassigned.Status);
    }

    [Fact]
    public async Task A_verification_not_confirmed_voids_the_case()
    {
        var (inspector, caseId, taskId) = await VerifyTaskAsync(7);

        var noRemarks = await CompleteAsync(inspector, taskId, """{"confirmed":false}""");
        var missing = await CompleteAsync(inspector, taskId, """{"passed":true}""");
        var done = await CompleteAsync(inspector, taskId, """{"confirmed":false,"remarks":"现场无此问题"}""");

        Assert.Equal(400, noRemarks.Status);
        Assert.Equal(["remarks"], noRemarks.ErrorFields);
        Assert.Equal(400, missing.Status);
        Assert.Equal(["confirmed"], missing.ErrorFields);
        Assert.Equal((200, "notConfirmed"), (done.Status, done.Body.GetProperty("outcome").GetString()));
        Assert.Equal(CaseState.Voided, (await _cases.FindFactsAsync(caseId, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_passed_check_closes_the_case_and_a_failed_one_of_a_self_handled_case_goes_back_to_dispatch()
    {
        var grid = GridNo(8);
        var inspector = await SaveInspectorAsync("checker", grid.Code);
        var passing = await HandledCaseInAsync(grid);
        var failing = await HandledCaseInAsync(grid);
        var passTask = (await AssignAsync(passing, "{}")).Body.GetProperty("taskId").GetString()!;
        var failTask = (await AssignAsync(failing, "{}")).Body.GetProperty("taskId").GetString()!;

        var passed = await CompleteAsync(inspector, passTask, """{"passed":true}""");
        var failed = await CompleteAsync(inspector, failTask, """{"passed":false,"remarks":"井盖仍松动"}""");

        Assert.Equal((200, "passed", "check"), (passed.Status, passed.Body.GetProperty("outcome").GetString(), passed.Body.GetProperty("kind").GetString()));
        Assert.Equal((200, "failed"), (failed.Status, failed.Body.GetProperty("outcome").GetString()));
        Assert.Equal(CaseState.Closed, (await _cases.FindFactsAsync(passing, CancellationToken.None))!.State);
        var rework = (await _cases.FindFactsAsync(failing, CancellationToken.None))!;
        // Handled on the spot, so no unit holds it: the center dispatches the rework.
        Assert.Equal((CaseState.Registered, 1), (rework.State, rework.ReworkCount));
    }

    [Fact]
    public async Task Another_inspectors_task_is_403_and_an_unknown_task_404()
    {
        var (_, caseId, taskId) = await VerifyTaskAsync(9);
        var other = Inspector("other");

        var forbidden = await CompleteAsync(other, taskId, """{"confirmed":true}""");
        var unknown = await CompleteAsync(other, caseId + "-c07", """{"passed":true}""");
        var nonsense = await CompleteAsync(other, "not-a-task", """{"passed":true}""");

        Assert.Equal(403, forbidden.Status);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(404, nonsense.Status);
        Assert.Empty(await ListAsync(other));
        Assert.Equal(CaseState.Reported, (await _cases.FindFactsAsync(caseId, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_task_whose_case_the_operator_moved_on_is_cancelled_when_read_and_cannot_be_completed()
    {
        var (inspector, caseId, taskId) = await VerifyTaskAsync(10);
        await ActAsync(caseId, Operator, CaseActionNames.Void, """{"reason":"重复上报"}""");

        var task = Assert.Single(await ListAsync(inspector));
        var late = await CompleteAsync(inspector, taskId, """{"confirmed":true}""");

        Assert.Equal((InspectionTaskState.Cancelled, _clock.GetUtcNow()), (task.State, task.CompletedAt));
        Assert.Equal((409, "https://lyg-serverless.dev/problems/task-cancelled"), (late.Status, late.ProblemType));
        Assert.Equal(CaseState.Voided, (await _cases.FindFactsAsync(caseId, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Reassigning_cancels_the_first_inspectors_task()
    {
        var (first, caseId, taskId) = await VerifyTaskAsync(11);
        var second = await SaveInspectorAsync("second", GridNo(12).Code);

        var moved = await AssignAsync(caseId, $$"""{"inspectorId":"{{second.Subject}}"}""");
        var stale = await CompleteAsync(first, taskId, """{"confirmed":true}""");

        Assert.Equal((202, taskId), (moved.Status, moved.Body.GetProperty("taskId").GetString()));
        Assert.Equal(InspectionTaskState.Cancelled, Assert.Single(await ListAsync(first)).State);
        Assert.Equal(InspectionTaskState.Open, Assert.Single(await ListAsync(second)).State);
        Assert.Equal(403, stale.Status);
    }

    [Fact]
    public async Task With_a_position_open_tasks_come_nearest_first_with_their_distance_and_without_it_soonest_due_first()
    {
        var near = GridNo(13);
        var far = City.Grids.First(g => g.Community.Code != near.Community.Code && g.District.Code != near.District.Code);
        var inspector = await SaveInspectorAsync("walker", near.Code, far.Code);
        var farCase = await ReportedCaseInAsync(far);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var nearCase = await ReportedCaseInAsync(near);
        await AssignAsync(farCase, "{}");
        await AssignAsync(nearCase, "{}");
        var here = CentreOf(near);
        var gcj = CoordinateConversion.Wgs84ToGcj02(here);

        var byDue = await ListAsync(inspector);
        var byDistance = await ListAsync(inspector, FormattableString.Invariant($"?lat={gcj.Lat}&lon={gcj.Lon}&crs=gcj02"));

        Assert.Equal([farCase, nearCase], byDue.Select(t => t.CaseId));
        Assert.All(byDue, t => Assert.Null(t.DistanceMetres));
        Assert.Equal([nearCase, farCase], byDistance.Select(t => t.CaseId));
        Assert.InRange(byDistance[0].DistanceMetres!.Value, 0, 1);
        Assert.True(byDistance[1].DistanceMetres > 1000);
    }

    [Theory]
    [InlineData("?lat=34.6", "lon")]
    [InlineData("?lon=119.2", "lat")]
    [InlineData("?crs=gcj02", "crs")]
    [InlineData("?lat=91&lon=119.2", "lat")]
    [InlineData("?lat=34.6&lon=119.2&crs=GCJ02", "crs")]
    public async Task A_bad_position_is_400_naming_the_parameter(string query, string field)
    {
        var answer = await ResultRunner.ExecuteAsync(await Lister().HandleAsync(UnitFixtures.Request(Inspector("asker"), queryString: query)));

        Assert.Equal(400, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
    }

    [Fact]
    public void An_overdue_tasks_stage_sends_its_slips_to_the_center()
    {
        // A verify task is due with the register stage and a check task with the check stage: their urging and
        // supervision slips are the stage's own, addressed to the command center whatever unit the case had.
        foreach (var (stage, unit) in new[] { (CaseStage.Register, (string?)null), (CaseStage.Check, "DEPT-CGJ") })
        {
            var clock = Clocks.Begin(stage, 1, Category, Urgency.Normal, Morning);
            var urging = SupervisionPlan.For("C-1", clock, new SupervisionLadder(0.5, TimeSpan.FromHours(1), 2, TimeSpan.FromHours(1)), Clocks.Calendar)
                .Single(s => s.Kind == SlipKind.Urging);
            Assert.Equal(clock.Deadline, urging.DueAt);
            Assert.Equal(CaseWorkflowNames.CenterDesk, SupervisionPlan.AddresseeOf(stage, unit));
        }
    }

    private async Task<(Caller Inspector, string CaseId, string TaskId)> VerifyTaskAsync(int gridNo)
    {
        var grid = GridNo(gridNo);
        var inspector = await SaveInspectorAsync("verifier", grid.Code);
        var caseId = await ReportedCaseInAsync(grid);
        var assigned = await AssignAsync(caseId, "{}");
        Assert.Equal(202, assigned.Status);
        return (inspector, caseId, assigned.Body.GetProperty("taskId").GetString()!);
    }

    /// <summary>A grid of the sample city for this test run alone, so runs sharing the registry do not compete for it.</summary>
    private UnitGrid GridNo(int n) => City.Grids[(Math.Abs(_run.GetHashCode(StringComparison.Ordinal)) % 200 * 20) + (n * 7)];

    private async Task<Caller> SaveInspectorAsync(string name, params string[] areas)
    {
        var inspector = Inspector(name + "-" + Guid.NewGuid().ToString("N")[..4]);
        var view = new InspectorView(inspector.Subject, "监督员 " + name, areas, true);
        await _inspectors.UpsertAsync(view, CancellationToken.None);
        _saved.Add(view);
        return inspector;
    }

    private async Task<string> ReportedCaseInAsync(UnitGrid grid)
    {
        var caseId = AzuriteFixture.NewCaseId();
        Assert.True(await _cases.CreateAsync(NewCase(caseId, reportedAt: _clock.GetUtcNow()).In(grid), CancellationToken.None));
        return caseId;
    }

    private async Task<string> HandledCaseInAsync(UnitGrid grid)
    {
        var caseId = AzuriteFixture.NewCaseId();
        var now = _clock.GetUtcNow();
        var handled = NewCase(caseId, reportedAt: now, categoryCode: Category).In(grid) with
        {
            State = CaseState.Handled,
            RegistrationClock = Clocks.Begin(CaseStage.Check, 1, Category, Urgency.Normal, now),
        };
        Assert.True(await _cases.CreateAsync(handled, CancellationToken.None));
        return caseId;
    }

    private async Task<ExecutedResult> AssignAsync(string caseId, string body, Caller? caller = null)
    {
        var handler = new ApplyCaseAction(_commands, new AcknowledgeSlip(_cases, _clock), Assigner(azurite.Tables, _commands, _cases, _clock));
        var http = UnitFixtures.Request(caller ?? Operator, body);
        await using var durable = new RecordingDurableClient();
        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http, durable, caseId, CaseActionNames.AssignInspector), http);
    }

    private async Task<ExecutedResult> ActAsync(string caseId, Caller caller, string action, string body)
    {
        var handler = new ApplyCaseAction(_commands, new AcknowledgeSlip(_cases, _clock), Assigner(azurite.Tables, _commands, _cases, _clock));
        var http = UnitFixtures.Request(caller, body);
        await using var durable = new RecordingDurableClient();
        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http, durable, caseId, action), http);
    }

    private async Task<ExecutedResult> CompleteAsync(Caller inspector, string taskId, string body)
    {
        var handler = new CompleteInspectionTask(_commands, _tasks, new OpenTaskCheck(_cases, _tasks, _clock), _clock);
        var http = UnitFixtures.Request(inspector, body);
        await using var durable = new RecordingDurableClient();
        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http, durable, taskId), http);
    }

    private ListInspectorTasks Lister() =>
        new(_tasks, new OpenTaskCheck(_cases, _tasks, _clock), Options.Create(new InspectionOptions()), _clock);

    private async Task<IReadOnlyList<InspectionTaskView>> ListAsync(Caller inspector, string? query = null)
    {
        var answer = await ResultRunner.ExecuteAsync(await Lister().HandleAsync(UnitFixtures.Request(inspector, queryString: query)));
        Assert.Equal(200, answer.Status);
        return answer.Body.Deserialize(LygJsonContext.Default.InspectionTaskList)!.Items;
    }
}
