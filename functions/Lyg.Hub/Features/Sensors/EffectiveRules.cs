using Lyg.Contracts;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// The rules in force for one sensor: its kind's rules, each changed by the sensor's override of that rule id (new
/// levels replace the kind's levels whole), less the rules an override disabled. The merged set passes the same checks
/// as a kind's defaults, so an override cannot leave a rule the evaluator could not run.
/// </summary>
public static class EffectiveRules
{
    /// <summary>The rules of a registered sensor, whose overrides were checked when it was imported.</summary>
    /// <exception cref="InvalidOperationException">The overrides no longer fit the kind (its file changed since the import).</exception>
    public static IReadOnlyList<SensorRule> Of(Sensor sensor, SensorKindCatalog kinds)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(kinds);
        var kind = kinds.Find(sensor.Kind) ?? throw new InvalidOperationException($"Sensor {sensor.Id} is of kind {sensor.Kind}, which the catalogue no longer has.");
        var (rules, faults) = Merge(kind, sensor.Overrides);
        return faults.Count == 0
            ? rules
            : throw new InvalidOperationException($"Sensor {sensor.Id}'s overrides no longer fit kind {kind.Id}: {string.Join("; ", faults)}");
    }

    /// <summary>The kind's rules with the overrides applied, and every fault of the overrides or of the result.</summary>
    public static (IReadOnlyList<SensorRule> Rules, IReadOnlyList<string> Faults) Merge(SensorKind kind, IReadOnlyList<SensorRuleOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(overrides);
        var faults = new List<string>();
        var byRule = new Dictionary<string, SensorRuleOverride>(StringComparer.Ordinal);
        foreach (var change in overrides)
        {
            if (kind.Rules.All(r => r.Id != change.Rule))
            {
                faults.Add($"override of rule '{change.Rule}': kind {kind.Id} has no such rule; it has {string.Join(", ", kind.Rules.Select(r => r.Id))}");
            }
            else if (!byRule.TryAdd(change.Rule, change))
            {
                faults.Add($"override of rule {change.Rule}: the rule is overridden twice");
            }
        }

        var rules = new List<SensorRule>();
        foreach (var rule in kind.Rules)
        {
            if (!byRule.TryGetValue(rule.Id, out var change))
            {
                rules.Add(rule);
            }
            else if (!change.Disabled)
            {
                var (changed, misfits) = Apply(rule, change);
                faults.AddRange(misfits.Select(m => $"override of rule {rule.Id}: {m}"));
                rules.Add(changed);
            }
        }

        if (faults.Count == 0)
        {
            faults.AddRange(SensorRuleChecks.Check(rules, kind.Values));
        }

        return (rules, faults);
    }

    /// <summary>The rule with the override's members; each member the rule's type does not have is a misfit.</summary>
    private static (SensorRule Rule, IReadOnlyList<string> Misfits) Apply(SensorRule rule, SensorRuleOverride change)
    {
        var misfits = new List<string>();
        void Misfit(string member, bool given)
        {
            if (given)
            {
                misfits.Add($"{member} does not apply to a rule of type {TypeOf(rule)}");
            }
        }

        SensorRule changed;
        switch (rule)
        {
            case ThresholdRule threshold:
                Misfit("perMinute", change.PerMinute is not null);
                Misfit("level", change.Level is not null);
                Misfit("afterIntervals", change.AfterIntervals is not null);
                changed = threshold with { Levels = change.Levels ?? threshold.Levels, Hysteresis = change.Hysteresis ?? threshold.Hysteresis };
                break;
            case RateRule rate:
                Misfit("levels", change.Levels is not null);
                Misfit("hysteresis", change.Hysteresis is not null);
                Misfit("afterIntervals", change.AfterIntervals is not null);
                changed = rate with { PerMinute = change.PerMinute ?? rate.PerMinute, Level = change.Level ?? rate.Level };
                break;
            case StaleRule stale:
                Misfit("levels", change.Levels is not null);
                Misfit("hysteresis", change.Hysteresis is not null);
                Misfit("perMinute", change.PerMinute is not null);
                changed = stale with { AfterIntervals = change.AfterIntervals ?? stale.AfterIntervals, Level = change.Level ?? stale.Level };
                break;
            case AllRule all:
                Misfit("levels", change.Levels is not null);
                Misfit("hysteresis", change.Hysteresis is not null);
                Misfit("perMinute", change.PerMinute is not null);
                Misfit("afterIntervals", change.AfterIntervals is not null);
                changed = all with { Level = change.Level ?? all.Level };
                break;
            default:
                changed = rule;
                break;
        }

        return (changed, misfits);
    }

    private static string TypeOf(SensorRule rule) => rule.ToView().Type;

    /// <summary>The rules as the sensor's view shows them.</summary>
    public static IReadOnlyList<SensorRuleView> Views(IEnumerable<SensorRule> rules) => [.. rules.Select(r => r.ToView())];
}
