using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Alerts;

/// <summary>
/// The alert desk over Azurite with the real intake and case commands. Each test follows sensors of its own; alerts are
/// dated 2035, a year no other test numbers cases in.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class AlertDeskTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2035, 7, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly AlertCasePolicy CaseAtOrange = new(WarningLevel.Orange, Category, CodeKind.Event);

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly AlertStore _alerts = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly string _sensor = "WL-" + Guid.NewGuid().ToString("N")[..12];
    private UnitStore _units = null!;
    private GeoPoint _point;

    public async Task InitializeAsync()
    {
        _units = await UnitFixtures.NewStoreAsync(azurite);
        _point = CentreOf(City.Grids[0]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_condition_that_starts_holding_raises_one_alert_in_its_place_and_a_replay_raises_nothing_more()
    {
        await using var durable = new RecordingDurableClient();
        var desk = Desk();
        var signal = Signal(WarningLevel.Blue, Start);

        await desk.TakeAsync([signal], durable, CancellationToken.None);
        await desk.TakeAsync([signal, signal], durable, CancellationToken.None);

        var alert = Assert.Single(await AlertsOfSensorAsync());
        Assert.Equal((AlertState.Raised, WarningLevel.Blue, Start, City.Grids[0].Code, (string?)null), (alert.State, alert.Level, alert.RaisedAt, alert.Grid, alert.CaseId));
        Assert.Equal(AlertStore.AlertId(AlertSubject.Sensor, _sensor, "level-high", Start), alert.AlertId);
        Assert.Empty(durable.Instances);
    }

    [Fact]
    public async Task An_alert_below_its_case_level_makes_no_case_and_its_escalation_to_the_case_level_creates_one_through_the_intake()
    {
        await using var durable = new RecordingDurableClient();
        var desk = Desk();

        await desk.TakeAsync([Signal(WarningLevel.Yellow, Start)], durable, CancellationToken.None);
        Assert.Null(Assert.Single(await AlertsOfSensorAsync()).CaseId);
        await desk.TakeAsync([Signal(WarningLevel.Orange, Start.AddMinutes(5))], durable, CancellationToken.None);

        var alert = Assert.Single(await AlertsOfSensorAsync());
        Assert.Equal((AlertState.CaseCreated, WarningLevel.Orange, WarningLevel.Orange), (alert.State, alert.Level, alert.PeakLevel));
        var stored = (await _cases.FindAsync(alert.CaseId!, CancellationToken.None))!;
        Assert.Equal((CaseSource.Sensor, Category, Urgency.Urgent), (stored.Source, stored.Facts.CategoryCode, stored.Facts.Urgency));
        Assert.Equal([new CaseLink(AlertDesk.CaseLinkRel, alert.AlertId)], stored.Links);
        Assert.Contains("二级（橙色）", stored.Description, StringComparison.Ordinal);
        Assert.Equal(City.Grids[0].Code, stored.Place?.Grid);
        Assert.Single(durable.Instances);
    }

    [Fact]
    public async Task Escalation_of_an_alert_with_a_case_is_recorded_on_its_timeline_and_clearing_too()
    {
        await using var durable = new RecordingDurableClient();
        var desk = Desk(urgentLevel: WarningLevel.Red);
        await desk.TakeAsync([Signal(WarningLevel.Orange, Start)], durable, CancellationToken.None);
        var caseId = Assert.Single(await AlertsOfSensorAsync()).CaseId!;
        Assert.Equal(Urgency.Normal, (await _cases.FindAsync(caseId, CancellationToken.None))!.Facts.Urgency);

        await desk.TakeAsync([Signal(WarningLevel.Red, Start.AddMinutes(1)), Signal(WarningLevel.Red, Start.AddMinutes(2))], durable, CancellationToken.None);
        await desk.TakeAsync([Signal(null, Start.AddMinutes(3))], durable, CancellationToken.None);

        var alert = Assert.Single(await AlertsOfSensorAsync());
        Assert.Equal((AlertState.Cleared, WarningLevel.Red, Start.AddMinutes(3)), (alert.State, alert.PeakLevel, alert.ClearedAt));
        var stored = (await _cases.FindAsync(caseId, CancellationToken.None))!;
        Assert.Equal(Urgency.Urgent, stored.Facts.Urgency);
        var entries = stored.Timeline.Where(t => t.Action == RecordAlert.ActionName).Select(t => t.Reason).ToList();
        Assert.Equal([$"预警升级为一级（红色） {alert.AlertId}", $"预警解除 {alert.AlertId}"], entries);
        Assert.All(stored.Timeline.Where(t => t.Action == RecordAlert.ActionName), t => Assert.Equal(AlertDesk.ActorId, t.Actor));
    }

    [Fact]
    public async Task A_condition_back_within_the_flap_window_reopens_its_alert_and_one_back_later_raises_a_new_one()
    {
        await using var durable = new RecordingDurableClient();
        var desk = Desk(flapWindow: TimeSpan.FromMinutes(10));

        await desk.TakeAsync([Signal(WarningLevel.Blue, Start), Signal(null, Start.AddMinutes(1)), Signal(WarningLevel.Yellow, Start.AddMinutes(11))], durable, CancellationToken.None);
        var reopened = Assert.Single(await AlertsOfSensorAsync());
        Assert.Equal((AlertState.Raised, 1, WarningLevel.Yellow, (DateTimeOffset?)null), (reopened.State, reopened.Flaps, reopened.Level, reopened.ClearedAt));

        await desk.TakeAsync([Signal(null, Start.AddMinutes(12)), Signal(WarningLevel.Blue, Start.AddMinutes(22).AddSeconds(1))], durable, CancellationToken.None);

        var alerts = await AlertsOfSensorAsync();
        Assert.Equal([AlertState.Cleared, AlertState.Raised], alerts.Select(a => a.State));
        Assert.Equal(Start.AddMinutes(22).AddSeconds(1), alerts[1].RaisedAt);
    }

    [Fact]
    public async Task A_signal_older_than_the_last_one_decided_changes_nothing()
    {
        await using var durable = new RecordingDurableClient();
        var desk = Desk();
        await desk.TakeAsync([Signal(WarningLevel.Yellow, Start.AddMinutes(5))], durable, CancellationToken.None);

        await desk.TakeAsync([Signal(null, Start.AddMinutes(4)), Signal(WarningLevel.Red, Start.AddMinutes(5))], durable, CancellationToken.None);

        var alert = Assert.Single(await AlertsOfSensorAsync());
        Assert.Equal((AlertState.Raised, WarningLevel.Yellow), (alert.State, alert.Level));
    }

    [Fact]
    public async Task A_rule_without_a_case_policy_never_makes_a_case_and_a_condition_that_never_held_clears_nothing()
    {
        await using var durable = new RecordingDurableClient();
        var desk = Desk();
        await desk.TakeAsync([Signal(null, Start)], durable, CancellationToken.None);
        Assert.Empty(await AlertsOfSensorAsync());

        await desk.TakeAsync([Signal(WarningLevel.Red, Start.AddMinutes(1)) with { Case = null }], durable, CancellationToken.None);

        Assert.Null(Assert.Single(await AlertsOfSensorAsync()).CaseId);
        Assert.Empty(durable.Instances);
    }

    [Fact]
    public async Task Two_hosts_deciding_the_same_condition_at_once_raise_one_alert_and_one_case()
    {
        await using var durable = new RecordingDurableClient();
        var hosts = new[] { Desk(), Desk() };
        var signal = Signal(WarningLevel.Red, Start);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => hosts[i % 2].TakeAsync([signal], durable, CancellationToken.None)));

        var alert = Assert.Single(await AlertsOfSensorAsync());
        Assert.NotNull(alert.CaseId);
        Assert.Single(durable.Instances);
    }

    [Fact]
    public async Task An_alert_whose_case_the_intake_refuses_keeps_the_reason_and_stays_raised()
    {
        await using var durable = new RecordingDurableClient();
        var desk = Desk();

        await desk.TakeAsync([Signal(WarningLevel.Red, Start) with { Case = CaseAtOrange with { CategoryCode = "99999" } }], durable, CancellationToken.None);

        var alert = Assert.Single(await AlertsOfSensorAsync());
        Assert.Equal((AlertState.Raised, (string?)null), (alert.State, alert.CaseId));
        Assert.Contains("categoryCode", alert.CaseProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledging_moves_a_raised_alert_once_and_keeps_the_state_of_one_with_a_case()
    {
        await using var durable = new RecordingDurableClient();
        var desk = Desk();
        await desk.TakeAsync([Signal(WarningLevel.Blue, Start)], durable, CancellationToken.None);
        var alertId = Assert.Single(await AlertsOfSensorAsync()).AlertId;

        var first = await desk.AcknowledgeAsync(alertId, Operator, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var again = await desk.AcknowledgeAsync(alertId, ShiftLead, CancellationToken.None);
        await desk.TakeAsync([Signal(WarningLevel.Red, Start.AddMinutes(2))], durable, CancellationToken.None);

        Assert.Equal((nameof(AlertState.Acknowledged), Start, "op-1"), (first!.State, first.AcknowledgedAt, first.AcknowledgedBy));
        Assert.Equal((Start, "op-1"), (again!.AcknowledgedAt, again.AcknowledgedBy));
        Assert.Equal(AlertState.CaseCreated, Assert.Single(await AlertsOfSensorAsync()).State);
        Assert.Null(await desk.AcknowledgeAsync("AL20350701020000ffffffff", Operator, CancellationToken.None));
        Assert.Null(await desk.AcknowledgeAsync("../x", Operator, CancellationToken.None));
    }

    private AlertSignal Signal(WarningLevel? level, DateTimeOffset at) =>
        new(AlertSubject.Sensor, _sensor, "water-level", "level-high", level, at, "积水深度 0.32 m ≥ 0.30 m", _point, CaseAtOrange);

    private async Task<IReadOnlyList<AlertView>> AlertsOfSensorAsync()
    {
        var (rows, _) = await _alerts.ListAsync(new AlertFilter(Start.AddDays(-1), Start.AddDays(1), SubjectId: _sensor), 100, null, CancellationToken.None);
        return [.. rows.Select(r => r.ToView()).OrderBy(a => a.RaisedAt)];
    }

    private AlertDesk Desk(TimeSpan? flapWindow = null, WarningLevel urgentLevel = WarningLevel.Orange)
    {
        var intake = NewIntake(azurite.Tables, _cases, _clock);
        var commands = new CaseCommands(AllActions(_units, _cases), _cases, Claims(azurite.Tables, _cases, _clock), _clock);
        var options = new AlertOptions { FlapWindow = flapWindow ?? TimeSpan.FromMinutes(10), UrgentLevel = urgentLevel };
        return new AlertDesk(_alerts, intake, commands, Places, Options.Create(options), _clock, NullLogger<AlertDesk>.Instance);
    }
}
