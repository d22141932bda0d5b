using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Reports;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.Reports;

/// <summary>Intake end to end over Azurite with a recording durable client. Reports are dated 2031, a day no other test numbers.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class SubmitReportTests(AzuriteFixture azurite)
{
    private const string Report = """
        {"description":"  井盖缺失  ","location":{"lat":34.596,"lon":119.221,"crs":"cgcs2000"},"address":" 朝阳东路 18 号 "}
        """;

    private static readonly DateTimeOffset Now = new(2031, 6, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly Caller Citizen = new(TestJwt.Issuer, "citizen-" + Guid.NewGuid().ToString("N"), new HashSet<string> { Roles.Citizen }, null);

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly CaseWorkflowOptions _workflow = new() { ReminderShare = 0.5, SupervisionInterval = TimeSpan.FromHours(2) };
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly ComponentStore _components = new(azurite.Tables);

    // One allocator per test, as one host has: numbers come from its block across the test's intakes.
    private readonly CaseNumberAllocator _numbers = new(azurite.Tables, Options.Create(new CaseNumberOptions()), new FakeTimeProvider(Now));

    [Fact]
    public async Task A_report_about_a_component_takes_its_type_point_and_units()
    {
        await using var durable = new RecordingDurableClient();
        var manhole = await RegisterComponentAsync("0101", owner: "ENT-WATER", maintainer: "ENT-GREENCARE");

        var answer = await SubmitAsync(durable, Citizen, $$"""{"description":"井盖缺失","componentId":"{{manhole.Id}}"}""");

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        var stored = await _cases.FindAsync(answer.Body.GetProperty("caseId").GetString()!, CancellationToken.None);
        Assert.Equal("0101", stored!.Facts.CategoryCode);
        Assert.Equal(manhole.Location, stored.Location);
        Assert.Equal(manhole.Grid, stored.Place!.Grid);
        Assert.Equal(new CaseComponent(manhole.Id, "0101", "ENT-WATER", "ENT-GREENCARE"), stored.Component);
    }

    [Fact]
    public async Task A_report_about_a_component_keeps_the_point_it_was_sent_with()
    {
        await using var durable = new RecordingDurableClient();
        var manhole = await RegisterComponentAsync("0101", owner: "ENT-WATER", maintainer: null);
        var seat = CaseFixtures.City.Districts[0].Seat;

        var answer = await SubmitAsync(durable, Citizen, string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"description":"井盖缺失","categoryCode":"0101","componentId":"{{{manhole.Id}}}","location":{"lat":{{{seat.Lat:R}}},"lon":{{{seat.Lon:R}}},"crs":"wgs84"}}"""));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        var stored = await _cases.FindAsync(answer.Body.GetProperty("caseId").GetString()!, CancellationToken.None);
        Assert.Equal(new GeoLocation(seat.Lat, seat.Lon, CoordinateSystem.Wgs84), stored!.Location);
        Assert.Equal(new CaseComponent(manhole.Id, "0101", "ENT-WATER", null), stored.Component);
    }

    [Theory]
    [InlineData("32070601010000", "componentId", "16 digits")]
    [InlineData("3207060101999999", "componentId", "no component")]
    public async Task A_malformed_or_unknown_component_answers_400_and_stores_nothing(string componentId, string field, string message)
    {
        await using var durable = new RecordingDurableClient();

        var answer = await SubmitAsync(durable, Citizen, $$"""{"description":"井盖缺失","componentId":"{{componentId}}"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
        Assert.Contains(message, answer.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(durable.Instances);
    }

    [Fact]
    public async Task A_category_contradicting_the_components_type_answers_400()
    {
        await using var durable = new RecordingDurableClient();
        var manhole = await RegisterComponentAsync("0101", owner: null, maintainer: null);

        var answer = await SubmitAsync(durable, Citizen, $$"""{"description":"井盖缺失","categoryCode":"0102","componentId":"{{manhole.Id}}"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["categoryCode"], answer.ErrorFields);
        Assert.Empty(durable.Instances);
    }

    /// <summary>A component in the first sample grid of 海州区, with a fresh sequence so tests never share one.</summary>
    private async Task<ComponentView> RegisterComponentAsync(string typeCode, string? owner, string? maintainer)
    {
        await _components.EnsureTablesAsync(CancellationToken.None);
        var grid = CaseFixtures.City.Grids.First(g => g.District.Code == "320706");
        var centre = grid.Boundary.Centroid;
        var id = "320706" + typeCode + Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var component = new ComponentView(
            id, "上水井盖", "gb2013", typeCode, null,
            owner is null ? null : new ComponentUnit(owner, null),
            maintainer is null ? null : new ComponentUnit(maintainer, null),
            grid.Code, ComponentState.Lost, new GeoLocation(centre.Y, centre.X, CoordinateSystem.Wgs84), null, null, "test", null);
        await _components.WriteAsync([component], null, CancellationToken.None);
        return component;
    }

    [Fact]
    public async Task A_citizen_over_the_limit_is_answered_429_with_retry_after_and_nothing_is_written()
    {
        await using var durable = new RecordingDurableClient();
        var citizen = Citizen with { Subject = "citizen-" + Guid.NewGuid().ToString("N") };
        var quota = new ReportQuota(azurite.Tables, Options.Create(new ReportQuotaOptions { PerCitizen = 2, Window = TimeSpan.FromHours(1) }), _clock);
        _clock.SetUtcNow(Now.AddMinutes(45));
        var first = await SubmitAsync(durable, citizen, Report, quota: quota);
        var second = await SubmitAsync(durable, citizen, Report, quota: quota);
        var instances = durable.Instances.Count;

        var third = await SubmitAsync(durable, citizen, Report, key: "third-report", quota: quota);

        Assert.Equal([202, 202, 429], new[] { first.Status, second.Status, third.Status });
        Assert.Equal("https://lyg-serverless.dev/problems/rate-limited", third.ProblemType);
        Assert.Equal("900", third.Headers.RetryAfter.ToString());
        Assert.Equal(instances, durable.Instances.Count);

        // Another citizen is not held back; the same citizen may report again once the window has ended, and the
        // refused report's key was withdrawn, so its retry makes a new case instead of finding one never made.
        var other = await SubmitAsync(durable, citizen with { Subject = "citizen-" + Guid.NewGuid().ToString("N") }, Report, quota: quota);
        _clock.Advance(TimeSpan.FromMinutes(15));
        var retried = await SubmitAsync(durable, citizen, Report, key: "third-report", quota: quota);
        Assert.Equal((202, 202), (other.Status, retried.Status));
        Assert.NotNull(await _cases.FindAsync(retried.Body.GetProperty("caseId").GetString()!, CancellationToken.None));
    }

    [Fact]
    public async Task A_citizen_report_is_stored_its_workflow_started_and_answered_202()
    {
        await using var durable = new RecordingDurableClient();

        var photo = await azurite.UploadPhotoAsync(Citizen.Issuer, Citizen.Subject, Roles.Citizen);

        var answer = await SubmitAsync(durable, Citizen, Report.Replace(" 朝阳东路 18 号 \"", $" 朝阳东路 18 号 \",\"attachmentIds\":[\"{photo}\"]", StringComparison.Ordinal));

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        var caseId = answer.Body.GetProperty("caseId").GetString()!;
        Assert.Matches("^LYG-20310601-[0-9]{6}$", caseId);
        Assert.Equal($"/api/v1/cases/{caseId}", answer.Headers.Location.ToString());
        Assert.Equal($"/api/v1/cases/{caseId}", answer.Body.GetProperty("statusUrl").GetString());

        var stored = await _cases.FindAsync(caseId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(CaseState.Reported, stored.Facts.State);
        Assert.Equal(CaseSource.Citizen, stored.Source);
        Assert.Equal("井盖缺失", stored.Description);
        Assert.Equal("朝阳东路 18 号", stored.Address);
        Assert.Equal(new GeoLocation(34.596, 119.221, CoordinateSystem.Wgs84), stored.Location);
        Assert.Equal(new GeoLocation(34.596, 119.221, CoordinateSystem.Cgcs2000), stored.ReportedLocation);
        Assert.Equal([photo], stored.AttachmentIds);
        Assert.Equal(caseId, (await azurite.Attachments.FindAsync(photo, CancellationToken.None))!.CaseId);
        Assert.Equal(Citizen.Subject, stored.Facts.ReporterSubject);
        Assert.Null(stored.Facts.CategoryCode);
        Assert.Null(stored.Facts.Urgency);
        Assert.Equal(Now, stored.ReportedAt);
        Assert.Equal(Roles.Citizen, Assert.Single(stored.Timeline).Role);

        var (instanceId, scheduled) = Assert.Single(durable.Instances);
        Assert.Equal(CaseWorkflowNames.InstanceId(caseId), instanceId);
        Assert.Equal(nameof(CaseOrchestrator), scheduled.Name);
        // The workflow starts on the reading of the case as stored, so it needs no activity to read it first.
        var input = Assert.IsType<CaseWorkflowInput>(scheduled.Input);
        Assert.Equal(_workflow.InputFor(caseId), input with { Expected = null });
        var fromStorage = CaseClockReading.Of(caseId, stored.Facts, [], input.Ladder, CaseFixtures.Calendar);
        Assert.Equal(JsonSerializer.Serialize(fromStorage), JsonSerializer.Serialize(input.Expected));
    }

    [Theory]
    [InlineData(CoordinateSystem.Gcj02, "gcj02")]
    [InlineData(CoordinateSystem.Bd09, "bd09")]
    [InlineData(CoordinateSystem.Wgs84, "wgs84")]
    public async Task A_report_is_stored_in_wgs84_beside_the_point_as_sent_and_placed_in_its_grid(CoordinateSystem crs, string wire)
    {
        await using var durable = new RecordingDurableClient();
        var grid = CaseFixtures.City.Grids[CaseFixtures.City.Grids.Count / 2];
        var centre = CaseFixtures.CentreOf(grid);
        var sent = CoordinateConversion.FromWgs84(centre, crs);

        var answer = await SubmitAsync(durable, Citizen, ReportAt(sent, wire));
        var stored = await _cases.FindAsync(answer.Body.GetProperty("caseId").GetString()!, CancellationToken.None);

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal(CoordinateSystem.Wgs84, stored!.Location.Crs);
        Assert.InRange(centre.DistanceTo(new GeoPoint(stored.Location.Lat!.Value, stored.Location.Lon!.Value)), 0, 0.01);
        Assert.Equal(new GeoLocation(sent.Lat, sent.Lon, crs), stored.ReportedLocation);
        Assert.Equal(
            new CasePlace(
                grid.Code,
                new PlaceView(grid.Community.Code, grid.Community.Name),
                new PlaceView(grid.Street.Code, grid.Street.Name),
                new PlaceView(grid.District.Code, grid.District.Name)),
            stored.Place);
    }

    [Fact]
    public async Task A_report_outside_every_grid_is_accepted_without_a_place()
    {
        await using var durable = new RecordingDurableClient();
        var outside = new GeoPoint(34.6, 119.2);
        Assert.Null(CaseFixtures.Places.Locate(outside.Lat, outside.Lon));

        var answer = await SubmitAsync(durable, Citizen, ReportAt(outside, "wgs84"));
        var stored = await _cases.FindAsync(answer.Body.GetProperty("caseId").GetString()!, CancellationToken.None);

        Assert.Equal(StatusCodes.Status202Accepted, answer.Status);
        Assert.Equal(new GeoLocation(34.6, 119.2, CoordinateSystem.Wgs84), stored!.Location);
        Assert.Null(stored.Place);
        Assert.Single(durable.Instances);
    }

    [Theory]
    [InlineData("0101", "event", CodeKind.Event)]
    [InlineData("0131", null, CodeKind.Component)]
    [InlineData("0101", null, null)]
    public async Task The_category_kind_is_stored_as_sent_or_as_the_only_one_its_code_names(string code, string? kind, CodeKind? expected)
    {
        await using var durable = new RecordingDurableClient();
        var kindMember = kind is null ? "" : $",\"categoryKind\":\"{kind}\"";

        var answer = await SubmitAsync(durable, Citizen, "{\"description\":\"私搭乱建\",\"categoryCode\":\"" + code + "\"" + kindMember + ",\"location\":{\"lat\":34.6,\"lon\":119.2,\"crs\":\"wgs84\"}}");
        var stored = await _cases.FindAsync(answer.Body.GetProperty("caseId").GetString()!, CancellationToken.None);

        Assert.Equal(expected, stored!.Facts.CategoryKind);
        Assert.Equal(CaseFixtures.Clocks.Begin(CaseStage.Register, 1, code, Urgency.Normal, Now, expected), stored.Facts.Clock);
    }

    [Fact]
    public async Task An_inspector_report_is_stored_as_from_an_inspector_with_its_category()
    {
        await using var durable = new RecordingDurableClient();
        var inspector = new Caller(TestJwt.Issuer, "insp-1", new HashSet<string> { Roles.Inspector }, null);

        var answer = await SubmitAsync(durable, inspector, """{"description":"占道","categoryCode":"0201","location":{"lat":34.6,"lon":119.2,"crs":"wgs84"}}""");
        var stored = await _cases.FindAsync(answer.Body.GetProperty("caseId").GetString()!, CancellationToken.None);

        Assert.Equal(CaseSource.Inspector, stored!.Source);
        Assert.Equal("0201", stored.Facts.CategoryCode);
        Assert.Null(stored.Address);
        Assert.Empty(stored.AttachmentIds);
        Assert.Equal(Roles.Inspector, stored.Timeline[0].Role);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0101")]
    public async Task The_stored_case_has_its_registration_clock_running_from_the_report(string? categoryCode)
    {
        await using var durable = new RecordingDurableClient();
        var inspector = new Caller(TestJwt.Issuer, "insp-1", new HashSet<string> { Roles.Inspector }, null);
        var body = categoryCode is null ? Report : $$$"""{"description":"井盖缺失","categoryCode":"{{{categoryCode}}}","location":{"lat":34.6,"lon":119.2,"crs":"wgs84"}}""";

        var answer = await SubmitAsync(durable, categoryCode is null ? Citizen : inspector, body);
        var stored = await _cases.FindAsync(answer.Body.GetProperty("caseId").GetString()!, CancellationToken.None);

        var limit = CaseFixtures.Limit(CaseStage.Register, categoryCode, Urgency.Normal);
        Assert.Equal(new StageClock(CaseStage.Register, 1, Now, limit, CaseFixtures.Calendar.Add(Now, limit), null), stored!.Facts.Clock);
        Assert.Equal(new TimeLimit(ClockKind.WorkingHours, 0.5), limit);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_answers_the_same_case_once_stored_and_started()
    {
        await using var durable = new RecordingDurableClient();
        var key = Guid.NewGuid().ToString();

        var first = await SubmitAsync(durable, Citizen, Report, key);
        var retry = await SubmitAsync(durable, Citizen, Report.Replace(",", " , ", StringComparison.Ordinal), key);

        Assert.Equal(StatusCodes.Status202Accepted, retry.Status);
        var caseId = first.Body.GetProperty("caseId").GetString()!;
        Assert.Equal(caseId, retry.Body.GetProperty("caseId").GetString());
        Assert.Single(durable.Instances);
        Assert.Empty(durable.Purged);
        Assert.Single((await _cases.FindAsync(caseId, CancellationToken.None))!.Timeline);
    }

    [Fact]
    public async Task A_report_whose_workflow_cannot_start_fails_storing_nothing_and_its_retry_completes_it()
    {
        var reporter = Citizen with { Subject = "citizen-" + Guid.NewGuid().ToString("N") };
        var key = Guid.NewGuid().ToString();
        await using var durable = new RecordingDurableClient { RefusesToSchedule = true };

        await Assert.ThrowsAsync<InvalidOperationException>(() => SubmitAsync(durable, reporter, Report, key));

        Assert.Empty(await CasesReportedByAsync(reporter));
        durable.RefusesToSchedule = false;
        var retry = await SubmitAsync(durable, reporter, Report, key);
        Assert.Equal(StatusCodes.Status202Accepted, retry.Status);
        var caseId = retry.Body.GetProperty("caseId").GetString()!;
        Assert.Equal(CaseWorkflowNames.InstanceId(caseId), Assert.Single(durable.Instances).Key);
        Assert.Single((await _cases.FindAsync(caseId, CancellationToken.None))!.Timeline);
    }

    [Fact]
    public async Task A_retry_after_the_workflow_gave_up_waiting_for_its_case_stores_the_case_and_starts_the_workflow_again()
    {
        var reporter = Citizen with { Subject = "citizen-" + Guid.NewGuid().ToString("N") };
        var key = Guid.NewGuid().ToString();
        await using var durable = new RecordingDurableClient();

        // The workflow is started first; then storing the case fails.
        await Assert.ThrowsAsync<RequestFailedException>(() => SubmitAsync(durable, reporter, Report, key, cases: UnreachableCases()));
        var (instanceId, _) = Assert.Single(durable.Instances);
        Assert.Empty(await CasesReportedByAsync(reporter));
        durable.Complete(instanceId);

        var retry = await SubmitAsync(durable, reporter, Report, key);

        Assert.Equal(StatusCodes.Status202Accepted, retry.Status);
        Assert.Equal(CaseWorkflowNames.InstanceId(retry.Body.GetProperty("caseId").GetString()!), instanceId);
        Assert.Equal([instanceId], durable.Purged);
        Assert.Equal(OrchestrationRuntimeStatus.Running, durable.Instances[instanceId].Status);
        Assert.Single(await CasesReportedByAsync(reporter));
    }

    [Fact]
    public async Task Racing_retries_with_the_same_key_all_answer_the_same_case()
    {
        await using var durable = new RecordingDurableClient();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SubmitAsync(durable, Citizen, Report, key)));

        Assert.All(answers, a => Assert.Equal(StatusCodes.Status202Accepted, a.Status));
        var caseId = Assert.Single(answers.Select(a => a.Body.GetProperty("caseId").GetString()).Distinct());
        Assert.Single(durable.Instances);
        Assert.Single((await _cases.FindAsync(caseId!, CancellationToken.None))!.Timeline);
    }

    [Fact]
    public async Task The_same_key_from_another_reporter_is_another_report()
    {
        await using var durable = new RecordingDurableClient();
        var key = Guid.NewGuid().ToString();

        var mine = await SubmitAsync(durable, Citizen, Report, key);
        var theirs = await SubmitAsync(durable, Citizen with { Subject = Citizen.Subject + "-neighbour" }, Report, key);

        Assert.NotEqual(mine.Body.GetProperty("caseId").GetString(), theirs.Body.GetProperty("caseId").GetString());
    }

    [Fact]
    public async Task The_same_key_with_another_report_answers_409_and_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        var key = Guid.NewGuid().ToString();
        await SubmitAsync(durable, Citizen, Report, key);

        var answer = await SubmitAsync(durable, Citizen, Report.Replace("井盖缺失", "路灯不亮", StringComparison.Ordinal), key);

        Assert.Equal(StatusCodes.Status409Conflict, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/idempotency-key-reused", answer.ProblemType);
        Assert.Single(durable.Instances);
    }

    [Fact]
    public async Task An_invalid_report_answers_400_with_every_field_and_starts_nothing()
    {
        await using var durable = new RecordingDurableClient();

        var answer = await SubmitAsync(durable, Citizen, """{"description":"","location":{"lat":100,"lon":119.2}}""", "has space");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(
            [RequestKey.HeaderName, "description", "location.crs", "location.lat"],
            answer.ErrorFields.Order(StringComparer.Ordinal));
        Assert.Empty(durable.Instances);
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415()
    {
        await using var durable = new RecordingDurableClient();

        var answer = await SubmitAsync(durable, Citizen, Report, contentType: "text/plain");

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, answer.Status);
        Assert.Empty(durable.Instances);
    }

    private async Task<IReadOnlyList<StoredCaseSummary>> CasesReportedByAsync(Caller reporter) =>
        (await _cases.ListAsync(new CaseFilter(null, null, null, null, new ReporterId(reporter.Issuer, reporter.Subject), null, null, null, null, null), 10, null, CancellationToken.None)).Items;

    /// <summary>A case store whose table service refuses every connection, at once.</summary>
    private static CaseStore UnreachableCases()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        return new CaseStore(new TableServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])), options));
    }

    private static string ReportAt(GeoPoint point, string crs) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"description":"井盖缺失","location":{"lat":{{{point.Lat:R}}},"lon":{{{point.Lon:R}}},"crs":"{{{crs}}}"}}""");

    private async Task<ExecutedResult> SubmitAsync(
        RecordingDurableClient durable, Caller caller, string body, string? key = null, string contentType = "application/json", CaseStore? cases = null,
        ReportQuota? quota = null)
    {
        var handler = new SubmitReport(new CaseIntake(
            cases ?? _cases,
            new IdempotencyStore(azurite.Tables, Options.Create(new IdempotencyOptions()), _clock),
            _numbers,
            new CaseWorkflowClient(Options.Create(_workflow), CaseFixtures.Calendars),
            CaseFixtures.Clocks,
            CaseFixtures.Places,
            _components,
            CodeCatalog.Default,
            quota ?? new ReportQuota(azurite.Tables, Options.Create(new ReportQuotaOptions { PerCitizen = 100_000 }), _clock),
            CaseFixtures.Claims(azurite.Tables, cases ?? _cases, _clock),
            _clock,
            CaseFixtures.Duplicates(azurite.Tables, cases ?? _cases, _clock)), CodeCatalog.Default);
        var http = new DefaultHttpContext();
        http.Features.Set(caller);
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (key is not null)
        {
            http.Request.Headers[RequestKey.HeaderName] = key;
        }

        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http, durable), http);
    }
}
