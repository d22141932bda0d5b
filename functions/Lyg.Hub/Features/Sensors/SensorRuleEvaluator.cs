using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Readings;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// A sensor's rules over its readings, in time order: for each reading, what every rule holds, from what it held
/// before (stored with the sensor's state as <see cref="SensorStateRow.Rules"/>). A threshold rises to the most severe
/// limit passed at once, and falls back only past each limit by its hysteresis; a rate compares with the reading
/// before; a reading ends a silence; a combination holds while all its rules hold. What changed, and only that, is
/// sent as a signal at the reading's time, so the desk sees a rise and fall within one batch as well.
/// </summary>
public sealed class SensorRuleEvaluator(SensorKindCatalog kinds)
{
    // Merging a sensor's overrides once per registry copy of it, not once per reading.
    private readonly ConditionalWeakTable<Sensor, IReadOnlyList<SensorRule>> _rules = [];

    public IReadOnlyList<SensorRule> RulesOf(Sensor sensor) => _rules.GetValue(sensor, s => EffectiveRules.Of(s, kinds));

    /// <summary>
    /// What the sensor's rules hold after <paramref name="newer"/> (oldest first), and the signals of every change. A
    /// sensor's first reading ends the silence the sweep may have sent while it was never heard from (<see cref="NeverHeard"/>).
    /// </summary>
    public (IReadOnlyDictionary<string, WarningLevel> Held, IReadOnlyList<AlertSignal> Signals) Evaluate(
        Sensor sensor, SensorStateRow? before, IReadOnlyList<SensorReading> newer)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(newer);
        var kind = kinds.Find(sensor.Kind)!;
        var rules = RulesOf(sensor);
        var held = before is null ? NeverHeardHeld(sensor, newer.Count > 0 ? newer[0].ObservedAt : null) : RuleLevels.Parse(before.Rules);
        (DateTimeOffset At, IReadOnlyDictionary<string, double> Values)? previous =
            before is null ? null : (before.ObservedAt, before.Latest());
        var signals = new List<AlertSignal>();
        foreach (var reading in newer)
        {
            var next = new Dictionary<string, WarningLevel>(StringComparer.Ordinal);
            var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                var (level, summary) = rule switch
                {
                    ThresholdRule threshold => Threshold(threshold, kind, reading, Held(held, rule.Id)),
                    RateRule rate => Rate(rate, kind, previous, reading, Held(held, rule.Id)),
                    _ => (null, null),
                };
                Keep(next, summaries, rule.Id, level, summary);
            }

            foreach (var all in rules.OfType<AllRule>())
            {
                var holds = all.Rules.All(next.ContainsKey);
                Keep(next, summaries, all.Id, holds ? all.Level : null, holds ? $"{kind.Name}：{string.Join("、", all.Rules)} 同时成立" : null);
            }

            foreach (var rule in rules)
            {
                var was = Held(held, rule.Id);
                var now = Held(next, rule.Id);
                if (was != now)
                {
                    signals.Add(new AlertSignal(
                        AlertSubject.Sensor, sensor.Id, sensor.Kind, rule.Id, now, reading.ObservedAt,
                        summaries.GetValueOrDefault(rule.Id) ?? $"{kind.Name}：恢复正常", sensor.Location, kind.Case));
                }
            }

            held = next;
            previous = (reading.ObservedAt, reading.Values);
        }

        return (held, signals);
    }

    /// <summary>
    /// A silence: the sensor's stale rules that hold at <paramref name="now"/> and did not before, as signals, with the
    /// levels held afterwards; none when nothing changed.
    /// </summary>
    public (IReadOnlyDictionary<string, WarningLevel> Held, IReadOnlyList<AlertSignal> Signals) Silence(Sensor sensor, SensorStateRow state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(state);
        var held = new Dictionary<string, WarningLevel>(RuleLevels.Parse(state.Rules), StringComparer.Ordinal);
        var signals = new List<AlertSignal>();
        foreach (var stale in SilentRules(sensor, state.ObservedAt, now).Where(r => Held(held, r.Id) != r.Level))
        {
            held[stale.Id] = stale.Level;
            signals.Add(SilenceSignal(sensor, stale, state.ObservedAt, neverHeard: false));
        }

        return (held, signals);
    }

    /// <summary>
    /// A sensor never heard from since it was registered: its stale rules that hold at <paramref name="now"/>, counted
    /// from its registration, as signals. With no state to hold them, each sweep sends them again and the alert desk
    /// takes a repeat as nothing new.
    /// </summary>
    public IReadOnlyList<AlertSignal> NeverHeard(Sensor sensor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        return sensor.RegisteredAt is { } registered
            ? [.. SilentRules(sensor, registered, now).Select(stale => SilenceSignal(sensor, stale, registered, neverHeard: true))]
            : [];
    }

    /// <summary>The stale rules a never-heard sensor's silence may hold by <paramref name="at"/>, as if held: its first reading then ends them.</summary>
    private Dictionary<string, WarningLevel> NeverHeardHeld(Sensor sensor, DateTimeOffset? at) =>
        sensor.RegisteredAt is { } registered && at is { } first
            ? SilentRules(sensor, registered, first).ToDictionary(r => r.Id, r => r.Level, StringComparer.Ordinal)
            : new Dictionary<string, WarningLevel>(StringComparer.Ordinal);

    /// <summary>The stale rules whose silence has passed by <paramref name="now"/> for a sensor last heard (or registered) at <paramref name="since"/>.</summary>
    private IEnumerable<StaleRule> SilentRules(Sensor sensor, DateTimeOffset since, DateTimeOffset now) =>
        RulesOf(sensor).OfType<StaleRule>().Where(stale => now - since > sensor.Interval * stale.AfterIntervals);

    private AlertSignal SilenceSignal(Sensor sensor, StaleRule stale, DateTimeOffset since, bool neverHeard)
    {
        var kind = kinds.Find(sensor.Kind)!;
        var periods = string.Create(CultureInfo.InvariantCulture, $"{stale.AfterIntervals} 个上报周期（每 {sensor.Interval.TotalMinutes:0.#} 分钟）");
        return new AlertSignal(
            AlertSubject.Sensor, sensor.Id, sensor.Kind, stale.Id, stale.Level, since + sensor.Interval * stale.AfterIntervals,
            neverHeard ? $"{kind.Name}：登记后已超过 {periods}，从未上报" : $"{kind.Name}：超过 {periods}无数据",
            sensor.Location, kind.Case);
    }

    private static WarningLevel? Held(IReadOnlyDictionary<string, WarningLevel> held, string rule) => held.TryGetValue(rule, out var level) ? level : null;

    private static void Keep(Dictionary<string, WarningLevel> next, Dictionary<string, string> summaries, string rule, WarningLevel? level, string? summary)
    {
        if (level is { } holds)
        {
            next[rule] = holds;
        }

        if (summary is not null)
        {
            summaries[rule] = summary;
        }
    }

    /// <summary>
    /// The most severe level whose limit the value passed; falling, the most severe level not above the one held whose
    /// limit the value has not left by the hysteresis. A reading without the value keeps what was held.
    /// </summary>
    private static (WarningLevel? Level, string? Summary) Threshold(ThresholdRule rule, SensorKind kind, SensorReading reading, WarningLevel? held)
    {
        if (!reading.Values.TryGetValue(rule.Value, out var value))
        {
            return (held, null);
        }

        var above = rule.Direction == RuleDirection.Above;
        bool Passed(double limit) => above ? value >= limit : value <= limit;
        bool NotLeft(double limit) => rule.Hysteresis > 0 ? (above ? value > limit - rule.Hysteresis : value < limit + rule.Hysteresis) : Passed(limit);

        (WarningLevel Level, double Limit)? reached = null;
        foreach (var grade in rule.Grades)
        {
            if (Passed(grade.Limit))
            {
                reached = grade;
            }
        }

        if (held is { } was && !(reached is { } rising && rising.Level.AtLeast(was)))
        {
            // Falling: the level held, or a lower one, for as long as the value has not left its limit by the hysteresis.
            reached = null;
            foreach (var grade in rule.Grades)
            {
                if (was.AtLeast(grade.Level) && NotLeft(grade.Limit))
                {
                    reached = grade;
                }
            }
        }

        if (reached is not { } at)
        {
            return (null, null);
        }

        var unit = kind.Values.TryGetValue(rule.Value, out var spec) ? spec.Unit : "";
        return (at.Level, string.Create(
            CultureInfo.InvariantCulture,
            $"{kind.Name}：{rule.Value} {value:0.###} {unit}，{(above ? "达到" : "低于")}{WarningLevels.Name(at.Level)}限值 {at.Limit:0.###} {unit}"));
    }

    /// <summary>Holds while the value changed since the reading before faster than the rule's rate per minute, in its direction.</summary>
    private static (WarningLevel? Level, string? Summary) Rate(
        RateRule rule, SensorKind kind, (DateTimeOffset At, IReadOnlyDictionary<string, double> Values)? previous, SensorReading reading, WarningLevel? held)
    {
        if (previous is not { } before || !before.Values.TryGetValue(rule.Value, out var from) || !reading.Values.TryGetValue(rule.Value, out var to)
            || reading.ObservedAt <= before.At)
        {
            return (held, null);
        }

        var perMinute = (to - from) / (reading.ObservedAt - before.At).TotalMinutes;
        var holds = rule.Direction == RuleDirection.Above ? perMinute >= rule.PerMinute : perMinute <= -rule.PerMinute;
        var unit = kind.Values.TryGetValue(rule.Value, out var spec) ? spec.Unit : "";
        return holds
            ? (rule.Level, string.Create(CultureInfo.InvariantCulture, $"{kind.Name}：{rule.Value} 每分钟变化 {perMinute:+0.###;-0.###} {unit}，超过 {rule.PerMinute:0.###} {unit}/分钟"))
            : (null, null);
    }
}

/// <summary>What a sensor's rules hold, as its state row keeps it: <c>{"level-high":"orange"}</c>; null when nothing holds.</summary>
public static class RuleLevels
{
    public static IReadOnlyDictionary<string, WarningLevel> Parse(string? json) =>
        json is null ? new Dictionary<string, WarningLevel>(StringComparer.Ordinal)
        : new Dictionary<string, WarningLevel>(JsonSerializer.Deserialize(json, RuleLevelsJson.Default.DictionaryStringWarningLevel)!, StringComparer.Ordinal);

    public static string? Serialize(IReadOnlyDictionary<string, WarningLevel> held) =>
        held.Count == 0 ? null : JsonSerializer.Serialize(held.ToDictionary(StringComparer.Ordinal), RuleLevelsJson.Default.DictionaryStringWarningLevel);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, WarningLevel>))]
internal sealed partial class RuleLevelsJson : System.Text.Json.Serialization.JsonSerializerContext;
