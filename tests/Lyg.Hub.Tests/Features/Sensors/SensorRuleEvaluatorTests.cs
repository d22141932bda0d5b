using Lyg.Contracts;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Sensors;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Tests.Features.Sensors;

/// <summary>Every rule type of the built-in water-level kind over readings in time order: level-high (blue 0.15, yellow 0.3, orange 0.5, red 1.0, hysteresis 0.05), rising-fast (0.05 m/min, yellow), rain-heavy, flood-risk (all), silent (3 intervals).</summary>
public sealed class SensorRuleEvaluatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SensorRuleEvaluator Evaluator = new(SensorKindCatalog.BuiltIn);
    private static readonly Sensor Gauge = new(
        "WL-TEST-1", "water-level", "测试水位计", new GeoPoint(34.6, 119.2), new GridLocation("G", new Place("C", "社区"), new Place("S", "街道"), new Place("D", "区")),
        null, TimeSpan.FromMinutes(5), []);

    [Fact]
    public void A_threshold_rises_at_once_to_the_most_severe_limit_passed_and_falls_only_past_each_limit_by_the_hysteresis()
    {
        var levels = Levels("level-high", 0.10, 0.60, 0.46, 0.44, 0.29, 0.26, 0.24, 0.11, 0.09);

        Assert.Equal([null, WarningLevel.Orange, WarningLevel.Orange, WarningLevel.Yellow, WarningLevel.Yellow, WarningLevel.Yellow, WarningLevel.Blue, WarningLevel.Blue, null], levels);
    }

    [Fact]
    public void A_value_hovering_at_a_limit_raises_once_instead_of_flapping()
    {
        var (_, signals) = Evaluate(null, Readings(0.30, 0.29, 0.31, 0.28, 0.30, 0.27));

        Assert.Equal([WarningLevel.Yellow], signals.Where(s => s.Rule == "level-high").Select(s => s.Level));
    }

    [Fact]
    public void Only_changes_are_signalled_each_at_its_readings_time_with_the_sensors_place_and_its_kinds_case_policy()
    {
        var (held, signals) = Evaluate(null, Readings(0.2, 0.2, 0.05));

        var raised = signals[0];
        Assert.Equal(
            (AlertSubject.Sensor, "WL-TEST-1", "water-level", "level-high", (WarningLevel?)WarningLevel.Blue, Start, Gauge.Location, (WarningLevel?)WarningLevel.Orange),
            (raised.Subject, raised.SubjectId, raised.Kind, raised.Rule, raised.Level, raised.ObservedAt, raised.Location, raised.Case?.CaseLevel));
        Assert.Contains("0.2 m", raised.Summary, StringComparison.Ordinal);
        Assert.Equal([(null, Start.AddMinutes(10))], signals.Skip(1).Where(s => s.Rule == "level-high").Select(s => (s.Level, s.ObservedAt)));
        Assert.Empty(held);
    }

    [Fact]
    public void A_rate_compares_each_reading_with_the_one_before_it_in_the_batch_or_in_the_stored_state()
    {
        var before = State(Start.AddMinutes(-5), 0.0);

        var (held, signals) = Evaluate(before, [Reading(Start, 0.30), Reading(Start.AddMinutes(5), 0.35), Reading(Start.AddMinutes(10), 0.36)]);

        // 0.06 m/min from the state, 0.01 m/min, then 0.002 m/min.
        Assert.Equal([WarningLevel.Yellow, null], signals.Where(s => s.Rule == "rising-fast").Select(s => s.Level));
        Assert.False(held.ContainsKey("rising-fast"));
    }

    [Fact]
    public void A_combination_holds_while_all_its_rules_hold_and_a_reading_without_a_value_keeps_that_values_rules()
    {
        var (held, signals) = Evaluate(null, [Reading(Start, 0.2, rain: 25), Reading(Start.AddMinutes(5), null, rain: 30), Reading(Start.AddMinutes(10), 0.2, rain: 5)]);

        Assert.Equal([WarningLevel.Orange, null], signals.Where(s => s.Rule == "flood-risk").Select(s => s.Level));
        Assert.Equal(WarningLevel.Blue, held["level-high"]);
    }

    [Fact]
    public void What_the_rules_held_is_taken_from_the_state_and_a_reading_ends_a_silence()
    {
        var before = State(Start.AddMinutes(-5), 0.4, RuleLevels.Serialize(new Dictionary<string, WarningLevel> { ["level-high"] = WarningLevel.Yellow, ["silent"] = WarningLevel.Blue }));

        var (held, signals) = Evaluate(before, [Reading(Start, 0.27)]);

        Assert.Equal(WarningLevel.Yellow, held["level-high"]);
        var ended = Assert.Single(signals);
        Assert.Equal(("silent", (WarningLevel?)null), (ended.Rule, ended.Level));
    }

    [Fact]
    public void A_sensor_is_silent_after_its_intervals_without_data_once_until_a_reading_comes()
    {
        var state = State(Start, 0.1);

        var (quiet, none) = Evaluator.Silence(Gauge, state, Start.AddMinutes(15));
        var (silent, signals) = Evaluator.Silence(Gauge, state, Start.AddMinutes(15).AddSeconds(1));
        var (_, again) = Evaluator.Silence(Gauge, State(Start, 0.1, RuleLevels.Serialize(silent)), Start.AddHours(1));

        Assert.Empty(none);
        Assert.Empty(quiet);
        var signal = Assert.Single(signals);
        Assert.Equal(("silent", (WarningLevel?)WarningLevel.Blue, Start.AddMinutes(15)), (signal.Rule, signal.Level, signal.ObservedAt));
        Assert.Empty(again);
    }

    [Fact]
    public void A_sensors_override_replaces_its_kinds_limits()
    {
        var tuned = Gauge with { Id = "WL-TEST-2", Overrides = [new SensorRuleOverride("level-high", Levels: new Dictionary<string, double> { ["red"] = 0.2 })] };

        var (held, _) = Evaluator.Evaluate(tuned, null, Readings(0.25));

        Assert.Equal(WarningLevel.Red, held["level-high"]);
    }

    private static WarningLevel?[] Levels(string rule, params double[] values)
    {
        var levels = new List<WarningLevel?>();
        SensorStateRow? state = null;
        var at = Start;
        foreach (var value in values)
        {
            var (held, _) = Evaluate(state, [Reading(at, value)]);
            levels.Add(held.TryGetValue(rule, out var level) ? level : null);
            state = State(at, value, RuleLevels.Serialize(held));
            at = at.AddHours(1);
        }

        return [.. levels];
    }

    private static (IReadOnlyDictionary<string, WarningLevel> Held, IReadOnlyList<AlertSignal> Signals) Evaluate(SensorStateRow? before, IReadOnlyList<SensorReading> readings) =>
        Evaluator.Evaluate(Gauge, before, readings);

    private static List<SensorReading> Readings(params double[] levels) => [.. levels.Select((level, i) => Reading(Start.AddMinutes(5 * i), level))];

    private static SensorReading Reading(DateTimeOffset at, double? level, double? rain = null)
    {
        var values = new Dictionary<string, double>();
        if (level is { } l) values["waterLevel"] = l;
        if (rain is { } r) values["precipitation"] = r;
        return new SensorReading(Gauge.Id, at, values);
    }

    private static SensorStateRow State(DateTimeOffset at, double level, string? rules = null) =>
        new() { RowKey = Gauge.Id, ObservedAt = at, Values = $$"""{"waterLevel":{{level.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""", Rules = rules };
}
