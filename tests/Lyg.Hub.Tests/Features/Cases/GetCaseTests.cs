using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

[Collection(AzuriteDefinition.Name)]
public sealed class GetCaseTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Morning.AddMinutes(5));
    private readonly string _caseId = AzuriteFixture.NewCaseId();
    private UnitStore _units = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(_units, UnitFixtures.Unit("DEPT-CGJ"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(Roles.Operator, "someone", null, CaseAudience.Staff)]
    [InlineData(Roles.Supervisor, "someone", null, CaseAudience.Staff)]
    [InlineData(Roles.Inspector, "citizen-1", null, CaseAudience.Staff)]
    [InlineData(Roles.Citizen, "citizen-1", null, CaseAudience.Reporter)]
    [InlineData(Roles.Citizen, "citizen-2", null, null)]
    [InlineData(Roles.Unit, "u-1", "DEPT-CGJ", CaseAudience.Unit)]
    [InlineData(Roles.Unit, "u-1", "DEPT-OTHER", null)]
    [InlineData(Roles.Unit, "citizen-1", "DEPT-OTHER", CaseAudience.Reporter)]
    [InlineData(Roles.Citizen, "citizen-2", "DEPT-CGJ", null)]
    public void Staff_the_reporter_and_the_assigned_units_staff_each_read_a_case_as_their_audience(string role, string subject, string? unit, CaseAudience? audience)
    {
        var dispatched = Facts(CaseState.Dispatched, "DEPT-CGJ");

        Assert.Equal(audience, CaseAudiences.Of(new Caller(TestJwt.Issuer, subject, new HashSet<string> { role }, unit), dispatched));
    }

    [Fact]
    public void The_platform_above_reads_every_case_and_other_machines_none()
    {
        var dispatched = Facts(CaseState.Dispatched, "DEPT-CGJ");

        Assert.Equal(CaseAudience.SupervisingPlatform, CaseAudiences.Of(Caller.ForMachine("province", Roles.Upstream), dispatched));
        Assert.Null(CaseAudiences.Of(Caller.ForMachine("hotline", Roles.Hotline12345), dispatched));
    }

    [Fact]
    public void A_unit_sees_a_case_only_while_it_is_dispatched_to_it()
    {
        var staff = UnitStaff("DEPT-CGJ");

        Assert.Null(CaseAudiences.Of(staff, Facts(CaseState.Registered)));
        Assert.Null(CaseAudiences.Of(staff, Facts(CaseState.Returned)));
        Assert.Equal(CaseAudience.Unit, CaseAudiences.Of(staff, Facts(CaseState.Closed, "DEPT-CGJ")));
    }

    [Fact]
    public async Task Staff_read_the_case_with_its_stage_timeline_and_workflow()
    {
        await CreateCaseAsync();
        await using var durable = new RecordingDurableClient();
        await new CaseWorkflowClient(Options.Create(new CaseWorkflowOptions()), CaseFixtures.Calendars).EnsureStartedAsync(durable, _caseId, CancellationToken.None);

        var answer = await GetAsync(durable, Operator);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(_caseId, answer.Body.GetProperty("caseId").GetString());
        Assert.Equal("reported", answer.Body.GetProperty("state").GetString());
        Assert.Equal("citizen", answer.Body.GetProperty("source").GetString());
        Assert.Equal("wgs84", answer.Body.GetProperty("location").GetProperty("crs").GetString());
        Assert.Equal("running", answer.Body.GetProperty("workflow").GetProperty("status").GetString());
        Assert.Equal(0, answer.Body.GetProperty("reworkCount").GetInt32());
        Assert.False(answer.Body.TryGetProperty("assignedUnit", out _));
        Assert.False(answer.Body.GetProperty("pending").GetProperty("suspension").GetBoolean());
        var stage = answer.Body.GetProperty("stage");
        Assert.Equal("register", stage.GetProperty("name").GetString());
        Assert.Equal(1, stage.GetProperty("sequence").GetInt32());
        Assert.Equal(Morning, stage.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal("workingHours", stage.GetProperty("clock").GetString());
        Assert.Equal(0.5, stage.GetProperty("limitAmount").GetDouble());
        Assert.Equal(Morning.AddMinutes(30), stage.GetProperty("deadline").GetDateTimeOffset());
        Assert.False(stage.GetProperty("paused").GetBoolean());
        Assert.Equal("normal", stage.GetProperty("light").GetString());
        var entry = Assert.Single(answer.Body.GetProperty("timeline").EnumerateArray());
        Assert.Equal("report", entry.GetProperty("action").GetString());
        Assert.Equal(Reporter.Subject, entry.GetProperty("actor").GetString());
        Assert.False(answer.Body.TryGetProperty("reporterSubject", out _));
    }

    [Fact]
    public async Task The_reporter_reads_the_plain_language_status_and_public_steps_without_staff_clock_or_slips()
    {
        await CreateCaseAsync();
        var steps = new CaseSteps(_cases, _units);
        await steps.DispatchAsync(_caseId, "DEPT-CGJ", Morning);
        await using var durable = new RecordingDurableClient();

        var answer = await GetAsync(durable, Reporter);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(_caseId, answer.Body.GetProperty("caseId").GetString());
        Assert.Equal(("in-progress", "处理中"), (answer.Body.GetProperty("status").GetString(), answer.Body.GetProperty("statusText").GetString()));
        Assert.Equal(
            ["已受理，等待立案。", "已立案，等待派遣。", "已派遣至责任单位处理。"],
            answer.Body.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("text").GetString()));
        var names = answer.Body.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var hidden in new[] { "state", "stage", "slips", "workflow", "assignedUnit", "suggestedUnit", "caller", "reworkCount", "pending" })
        {
            Assert.DoesNotContain(hidden, names);
        }

        Assert.DoesNotContain("op-1", answer.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(durable.Reads);
    }

    [Fact]
    public async Task The_assigned_units_staff_read_the_case_and_another_unit_is_answered_404()
    {
        await CreateCaseAsync();
        await new CaseSteps(_cases, _units).DispatchAsync(_caseId, "DEPT-CGJ", Morning);
        await using var durable = new RecordingDurableClient();

        var mine = await GetAsync(durable, UnitStaff("DEPT-CGJ"));
        var theirs = await GetAsync(durable, UnitStaff("DEPT-OTHER"));

        Assert.Equal(StatusCodes.Status200OK, mine.Status);
        Assert.Equal("DEPT-CGJ", mine.Body.GetProperty("assignedUnit").GetString());
        Assert.Equal("handle", mine.Body.GetProperty("stage").GetProperty("name").GetString());
        Assert.Equal(3, mine.Body.GetProperty("stage").GetProperty("sequence").GetInt32());
        Assert.Equal(StatusCodes.Status404NotFound, theirs.Status);
    }

    [Fact]
    public async Task Another_citizen_is_answered_404_as_if_the_case_did_not_exist()
    {
        await CreateCaseAsync();
        await using var durable = new RecordingDurableClient();

        var hidden = await GetAsync(durable, Reporter with { Subject = "citizen-2" });
        var missing = await GetAsync(durable, Reporter with { Subject = "citizen-2" }, AzuriteFixture.NewCaseId());

        Assert.Equal(StatusCodes.Status404NotFound, hidden.Status);
        Assert.Equal(StatusCodes.Status404NotFound, missing.Status);
        Assert.Equal(hidden.ProblemType, missing.ProblemType);
    }

    [Fact]
    public async Task An_operator_reads_a_case_without_a_workflow()
    {
        await CreateCaseAsync();
        await using var durable = new RecordingDurableClient();

        var answer = await GetAsync(durable, Operator);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.False(answer.Body.TryGetProperty("workflow", out _));
    }

    [Fact]
    public async Task A_closed_and_rated_report_shows_resolved_and_its_satisfaction()
    {
        await CreateCaseAsync();
        var steps = new CaseSteps(_cases, _units);
        await steps.CloseAsync(_caseId, "DEPT-CGJ", Morning);
        await steps.TakeAsync(_caseId, new RateCase(Clocks), Reporter, """{"satisfaction":"satisfied"}""", Morning.AddHours(1));
        await using var durable = new RecordingDurableClient();

        var answer = await GetAsync(durable, Reporter);

        Assert.Equal(("resolved", "已办结"), (answer.Body.GetProperty("status").GetString(), answer.Body.GetProperty("statusText").GetString()));
        Assert.Equal("satisfied", answer.Body.GetProperty("satisfaction").GetString());
        Assert.Equal("已办结。", answer.Body.GetProperty("timeline").EnumerateArray().Last().GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_unit_reads_its_work_with_center_staff_by_role_without_center_notes_workflow_or_routing()
    {
        await CreateCaseAsync();
        var steps = new CaseSteps(_cases, _units);
        await steps.CloseAsync(_caseId, "DEPT-CGJ", Morning);
        await using var durable = new RecordingDurableClient();

        var staff = await GetAsync(durable, Operator);
        var unit = await GetAsync(durable, UnitStaff("DEPT-CGJ", "unit-staff-2"));

        Assert.Equal(StatusCodes.Status200OK, unit.Status);
        var staffTimeline = staff.Body.GetProperty("timeline").EnumerateArray().ToList();
        var unitTimeline = unit.Body.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(staffTimeline.Select(e => e.GetProperty("action").GetString()), unitTimeline.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(staffTimeline.Select(e => e.GetProperty("role").GetString()), unitTimeline.Select(e => e.GetProperty("actor").GetString()));
        var register = staffTimeline.Single(e => e.GetProperty("action").GetString() == CaseActionNames.Register);
        Assert.True(register.TryGetProperty("reason", out _));
        Assert.False(unitTimeline.Single(e => e.GetProperty("action").GetString() == CaseActionNames.Register).TryGetProperty("reason", out _));
        Assert.False(unit.Body.TryGetProperty("workflow", out _));
        Assert.False(unit.Body.TryGetProperty("caller", out _));
        Assert.Equal("closed", unit.Body.GetProperty("state").GetString());
    }

    [Fact]
    public void The_unit_sees_the_slips_addressed_to_it_and_its_own_name_but_nobody_elses()
    {
        var slips = new[]
        {
            new SlipView("S1", _caseId, 1, SlipKind.Reminder, "handle", Morning, Morning.AddHours(1), "DEPT-CGJ", null, null),
            new SlipView("S2", _caseId, 2, SlipKind.Reminder, "register", Morning, Morning.AddHours(1), "center", null, null),
        };
        var stored = StoredOf(Facts(CaseState.Accepted, "DEPT-CGJ")) with
        {
            Slips = slips,
            Timeline =
            [
                new TimelineEntry(1, CaseActionNames.Dispatch, CaseState.Registered, CaseState.Dispatched, "disp-9", Roles.Dispatcher, Morning, "请尽快", null),
                new TimelineEntry(2, CaseActionNames.Accept, CaseState.Dispatched, CaseState.Accepted, "unit-staff-1", Roles.Unit, Morning, null, null),
            ],
        };

        var view = Views(Morning).Detail(stored, CaseAudience.Unit, UnitStaff("DEPT-CGJ"), null);
        var platform = Views(Morning).Detail(stored, CaseAudience.SupervisingPlatform, Caller.ForMachine("province", Roles.Upstream), null);

        Assert.Equal(["S1"], view.Slips.Select(s => s.SlipId));
        Assert.Equal([Roles.Dispatcher, "unit-staff-1"], view.Timeline.Select(e => e.Actor));
        Assert.Equal("请尽快", view.Timeline[0].Reason);
        Assert.Equal(["S1", "S2"], platform.Slips.Select(s => s.SlipId));
        Assert.Equal([Roles.Dispatcher, Roles.Unit], platform.Timeline.Select(e => e.Actor));
    }

    [Fact]
    public void A_merged_report_follows_its_main_case_with_the_main_cases_steps_after_the_merge()
    {
        var merged = StoredOf(Facts(CaseState.Merged, unit: null) with { Clock = null, MergedInto = "LYG-MAIN" }) with
        {
            Timeline =
            [
                new TimelineEntry(1, "report", null, CaseState.Reported, "citizen-1", Roles.Citizen, Morning, null, null),
                new TimelineEntry(2, CaseActionNames.Merge, CaseState.Reported, CaseState.Merged, "op-1", Roles.Operator, Morning.AddHours(1), "同一处", null),
            ],
        };
        var main = StoredOf(Facts(CaseState.Closed, "DEPT-CGJ") with { Clock = null }) with
        {
            Timeline =
            [
                new TimelineEntry(1, "report", null, CaseState.Reported, "citizen-9", Roles.Citizen, Morning.AddMinutes(-30), null, null),
                new TimelineEntry(2, CaseActionNames.Register, CaseState.Reported, CaseState.Registered, "op-1", Roles.Operator, Morning.AddMinutes(-10), null, null),
                new TimelineEntry(3, CaseActionNames.Check, CaseState.Handled, CaseState.Closed, "insp-1", Roles.Inspector, Morning.AddHours(3), null, null),
            ],
        };

        var view = CaseViews.Report(merged, main);
        var alone = CaseViews.Report(merged, null);

        Assert.Equal((CitizenStatus.Resolved, "LYG-MAIN"), (view.Status, view.MergedInto));
        Assert.Equal(["已受理，等待立案。", "已与同一问题的其他报告合并处理。", "已办结。"], view.Timeline.Select(s => s.Text));
        Assert.Equal(CitizenStatus.InProgress, alone.Status);
    }

    [Theory]
    [InlineData(5, TrafficLight.Normal)]
    [InlineData(17, TrafficLight.Normal)]
    [InlineData(18, TrafficLight.Warning)]
    [InlineData(30, TrafficLight.Warning)]
    [InlineData(31, TrafficLight.Overdue)]
    public void The_light_turns_amber_at_the_reminder_share_and_red_past_the_deadline(int minutes, TrafficLight light)
    {
        var reported = Facts(CaseState.Reported);

        var stage = Views(Morning.AddMinutes(minutes)).StageOf(reported);

        Assert.NotNull(stage);
        Assert.Equal(light, stage.Light);
        Assert.Equal("register", stage.Name);
        Assert.Equal(Morning.AddMinutes(30), stage.Deadline);
    }

    [Fact]
    public void A_paused_clock_keeps_the_colour_it_had_when_it_paused()
    {
        var paused = Facts(CaseState.Reported) with { Clock = Facts(CaseState.Reported).Clock! with { PausedAt = Morning.AddMinutes(5) } };

        var stage = Views(Morning.AddDays(3)).StageOf(paused);

        Assert.Equal(TrafficLight.Normal, stage!.Light);
        Assert.True(stage.Paused);
    }

    [Fact]
    public void A_case_without_a_clock_has_no_stage()
    {
        Assert.Null(Views(Morning).StageOf(Facts(CaseState.Voided)));
    }

    private static CaseViews Views(DateTimeOffset now) =>
        new(Clocks, Options.Create(new CaseWorkflowOptions { ReminderShare = 0.6 }), new FakeTimeProvider(now), SampleRouting);

    private StoredCase StoredOf(CaseFacts facts) => new(
        _caseId, facts, CaseSource.Citizen, "井盖缺失", new GeoLocation(34.6, 119.2, CoordinateSystem.Wgs84), null, [], Morning, Morning, [], [], null, null);

    private Task<bool> CreateCaseAsync() => _cases.CreateAsync(NewCase(_caseId, Reporter.Subject), CancellationToken.None);

    private async Task<ExecutedResult> GetAsync(RecordingDurableClient durable, Caller caller, string? caseId = null)
    {
        var http = UnitFixtures.Request(caller);
        var hotlineCallers = new HotlineCallers(new HotlineOrderStore(azurite.Tables), new PersonalDataProtector(Options.Create(new HotlineOptions())));
        var handler = new GetCase(_cases, new CaseViews(Clocks, Options.Create(new CaseWorkflowOptions()), _clock, SampleRouting), hotlineCallers);
        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http, durable, caseId ?? _caseId), http);
    }
}
