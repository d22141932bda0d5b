using System.Text;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Time;
using Lyg.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Intake;

/// <summary>
/// The intake use case over Azurite, from channels that are not HTTP. Each test has its own source keys; intakes are
/// dated 2032, a year no other test numbers.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class CaseIntakeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2032, 3, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly IntakeReporter Gateway = new(Caller.MachineIssuer, "dev-gateway", Roles.Gateway);

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Now);
    private UnitStore _units = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(_units, UnitFixtures.Unit("DEPT-CGJ"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_same_source_key_pushed_twenty_times_in_parallel_from_two_hosts_makes_one_case()
    {
        await using var durable = new RecordingDurableClient();
        var hosts = new[] { Intake(), Intake() };
        var key = new SourceKey("gateway", "alert-" + Guid.NewGuid().ToString("N"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => hosts[i % 2].SubmitAsync(Alert("积水深度 32 cm"), key, durable, CancellationToken.None)));

        var accepted = outcomes.Cast<IntakeOutcome.Accepted>().ToList();
        var caseId = Assert.Single(accepted.Select(a => a.CaseId).Distinct());
        Assert.Single(accepted, a => a.Created);
        Assert.Equal([CaseWorkflowNames.InstanceId(caseId)], durable.Instances.Keys);
        var stored = (await _cases.FindAsync(caseId, CancellationToken.None))!;
        Assert.Equal((CaseSource.Sensor, "dev-gateway", Roles.Gateway), (stored.Source, stored.Facts.ReporterSubject, stored.Timeline[0].Role));
        Assert.Single(stored.Timeline);
    }

    [Fact]
    public async Task A_repeat_with_another_payload_is_a_conflict_and_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        var key = new SourceKey("gateway", "alert-" + Guid.NewGuid().ToString("N"));
        var first = (IntakeOutcome.Accepted)await Intake().SubmitAsync(Alert("积水深度 32 cm"), key, durable, CancellationToken.None);

        var repeat = await Intake().SubmitAsync(Alert("积水深度 45 cm"), key, durable, CancellationToken.None);

        Assert.Equal(new IntakeOutcome.KeyConflict(first.CaseId), repeat);
        Assert.Equal("积水深度 32 cm", (await _cases.FindAsync(first.CaseId, CancellationToken.None))!.Description);
        Assert.Single(durable.Instances);
    }

    [Fact]
    public async Task A_retry_that_stores_the_case_of_a_failed_first_attempt_tells_the_workflow_still_waiting_for_it()
    {
        await using var durable = new RecordingDurableClient();
        var key = new SourceKey("gateway", "alert-" + Guid.NewGuid().ToString("N"));
        using var firstAttempt = new CancellationTokenSource();
        durable.AfterSchedule = firstAttempt.Cancel;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Intake().SubmitAsync(Alert("积水深度 32 cm"), key, durable, firstAttempt.Token));
        durable.AfterSchedule = null;

        var retry = (IntakeOutcome.Accepted)await Intake().SubmitAsync(Alert("积水深度 32 cm"), key, durable, CancellationToken.None);

        Assert.True(retry.Created);
        var instance = CaseWorkflowNames.InstanceId(retry.CaseId);
        Assert.Equal([instance], durable.Instances.Keys);
        var nudge = Assert.Single(durable.Events);
        Assert.Equal((instance, CaseWorkflowNames.StateChangedEvent), (nudge.InstanceId, nudge.Name));
    }

    [Fact]
    public async Task The_same_value_in_another_scope_or_from_another_source_is_another_case()
    {
        await using var durable = new RecordingDurableClient();
        var value = "7731-" + Guid.NewGuid().ToString("N");

        var gateway = (IntakeOutcome.Accepted)await Intake().SubmitAsync(Alert("积水"), new SourceKey("gateway", value), durable, CancellationToken.None);
        var otherScope = (IntakeOutcome.Accepted)await Intake().SubmitAsync(Alert("积水"), new SourceKey("another-gateway", value), durable, CancellationToken.None);
        var video = (IntakeOutcome.Accepted)await Intake().SubmitAsync(Alert("积水") with { Source = CaseSource.Video }, new SourceKey("gateway", value), durable, CancellationToken.None);

        Assert.Equal(3, new[] { gateway.CaseId, otherScope.CaseId, video.CaseId }.Distinct().Count());
    }

    [Fact]
    public async Task An_invalid_intake_is_rejected_with_its_fields_and_writes_nothing()
    {
        await using var durable = new RecordingDurableClient();

        var outcome = await Intake().SubmitAsync(
            Alert(" ") with { Urgency = (Urgency)7, Links = [new CaseLink("", "x")], CategoryScheme = "gb1999" },
            new SourceKey("gateway", "alert-" + Guid.NewGuid().ToString("N")),
            durable,
            CancellationToken.None);

        var rejected = Assert.IsType<IntakeOutcome.Rejected>(outcome);
        Assert.Equal(["categoryScheme", "description", "links[0]", "urgency"], rejected.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(durable.Instances);
    }

    [Fact]
    public async Task The_urgency_deadline_and_links_a_channel_gives_are_stored_with_the_case()
    {
        await using var durable = new RecordingDurableClient();
        var deadline = Now.AddDays(3);

        var accepted = (IntakeOutcome.Accepted)await Intake().SubmitAsync(
            Alert("桥梁挠度超限") with { Urgency = Urgency.Urgent, UpstreamDeadline = deadline, Links = [new CaseLink("alert", "ALM-9")] },
            null,
            durable,
            CancellationToken.None);

        var stored = (await _cases.FindAsync(accepted.CaseId, CancellationToken.None))!;
        Assert.Equal(Urgency.Urgent, stored.Facts.Urgency);
        Assert.Equal(Limit(CaseStage.Register, Category, Urgency.Urgent), stored.Facts.Clock!.Limit);
        Assert.Equal(deadline, stored.UpstreamDeadline);
        Assert.Equal([new CaseLink("alert", "ALM-9")], stored.Links);
    }

    [Fact]
    public async Task An_intake_from_a_channel_that_is_not_http_runs_the_whole_loop_to_its_close()
    {
        var options = new CaseWorkflowOptions { IntakeGrace = TimeSpan.FromSeconds(30) };
        await using var host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddCaseWorkflow(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services => services
                    .AddSingleton<ICaseWorkflowStore>(_cases)
                    .AddSingleton(new CalendarInForce(Calendar)),
            });
        var accepted = (IntakeOutcome.Accepted)await Intake(options).SubmitAsync(
            Alert("井盖倾斜报警"), new SourceKey("gateway", "alert-" + Guid.NewGuid().ToString("N")), host.Client, CancellationToken.None);
        var commands = new CaseCommands(AllActions(_units, _cases), _cases, CaseFixtures.Claims(azurite.Tables, _cases, _clock), _clock);

        foreach (var (action, actor, body) in new[]
        {
            (CaseActionNames.Register, Operator, $$"""{"categoryCode":"{{Category}}","urgency":"urgent"}"""),
            (CaseActionNames.Dispatch, Dispatcher, """{"unitCode":"DEPT-CGJ"}"""),
            (CaseActionNames.Accept, UnitStaff("DEPT-CGJ"), "{}"),
            (CaseActionNames.Complete, UnitStaff("DEPT-CGJ"), """{"result":"已复位"}"""),
            (CaseActionNames.Check, Inspector, """{"passed":true}"""),
        })
        {
            var outcome = await commands.ApplyAsync(new CaseCommand(accepted.CaseId, action, Encoding.UTF8.GetBytes(body), actor), host.Client, CancellationToken.None);
            Assert.IsType<CaseCommandOutcome.Applied>(outcome);
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var finished = await host.Client.WaitForInstanceCompletionAsync(CaseWorkflowNames.InstanceId(accepted.CaseId), getInputsAndOutputs: true, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(CaseState.Closed, finished.ReadOutputAs<CaseOutcome>()!.State);
    }

    [Fact]
    public async Task A_problem_an_inspector_fixed_on_the_spot_starts_handled_with_its_check_clock_and_workflow()
    {
        await using var durable = new RecordingDurableClient();
        var photo = await azurite.UploadPhotoAsync(TestJwt.Issuer, "inspector-self", Roles.Inspector);
        var report = new IntakeRequest(
            CaseSource.Inspector, new IntakeReporter(TestJwt.Issuer, "inspector-self", Roles.Inspector), "路面散落垃圾，已清扫", Category,
            new GeoLocation(34.596, 119.221, CoordinateSystem.Wgs84), AttachmentIds: [photo], SelfHandled: true);

        var accepted = (IntakeOutcome.Accepted)await Intake().SubmitAsync(report, null, durable, CancellationToken.None);

        var stored = (await _cases.FindAsync(accepted.CaseId, CancellationToken.None))!;
        Assert.Equal((CaseState.Handled, CaseStage.Check, 1), (stored.Facts.State, stored.Facts.Clock!.Stage, stored.Facts.Clock.Sequence));
        Assert.Equal((Limit(CaseStage.Check), Clocks.Calendar.Add(Now, Limit(CaseStage.Check))), (stored.Facts.Clock.Limit, stored.Facts.Clock.Deadline));
        Assert.Equal(("report", CaseState.Handled), (stored.Timeline[0].Action, stored.Timeline[0].ToState));
        Assert.Equal([CaseWorkflowNames.InstanceId(accepted.CaseId)], durable.Instances.Keys);
    }

    private static IntakeRequest Alert(string description) =>
        new(CaseSource.Sensor, Gateway, description, Category, new GeoLocation(34.596, 119.221, CoordinateSystem.Wgs84), CategoryKind: CodeKind.Event);

    private CaseIntake Intake(CaseWorkflowOptions? workflow = null) => new(
        _cases,
        new IdempotencyStore(azurite.Tables, Options.Create(new IdempotencyOptions()), _clock),
        new CaseNumberAllocator(azurite.Tables, Options.Create(new CaseNumberOptions()), _clock),
        new CaseWorkflowClient(Options.Create(workflow ?? new CaseWorkflowOptions()), CaseFixtures.Calendars),
        Clocks,
        Places,
        new ComponentStore(azurite.Tables),
        CodeCatalog.Default,
        new ReportQuota(azurite.Tables, Options.Create(new ReportQuotaOptions()), _clock),
        CaseFixtures.Claims(azurite.Tables, _cases, _clock),
        _clock,
        CaseFixtures.Duplicates(azurite.Tables, _cases, _clock));
}
