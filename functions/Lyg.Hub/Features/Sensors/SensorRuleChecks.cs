using System.Globalization;
using System.Text.RegularExpressions;
using Lyg.Contracts;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// What makes a set of rules usable, the same for a kind's defaults and for a sensor's rules after its overrides: ids
/// kebab-case and unique; a threshold or rate on a value the kind defines; threshold levels named by warning level,
/// within the value's physical range and strictly more severe further in the direction; hysteresis at least 0; a rate
/// above 0; at least one interval; a combination of two or more other rules of the set that are not combinations.
/// </summary>
public static partial class SensorRuleChecks
{
    /// <summary>Every fault of the rules, each message beginning with the rule it is about.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<SensorRule> rules, IReadOnlyDictionary<string, SensorValueSpec> values)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(values);
        var faults = new List<string>();
        var byId = new Dictionary<string, SensorRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (rule.Id is null || !KebabCase().IsMatch(rule.Id))
            {
                faults.Add($"rule '{rule.Id}': an id is kebab-case, e.g. level-high");
            }
            else if (!byId.TryAdd(rule.Id, rule))
            {
                faults.Add($"rule {rule.Id}: the id is used twice");
            }
        }

        foreach (var rule in rules)
        {
            faults.AddRange(CheckOne(rule, values, byId).Select(f => $"rule {rule.Id}: {f}"));
        }

        return faults;
    }

    private static IEnumerable<string> CheckOne(SensorRule rule, IReadOnlyDictionary<string, SensorValueSpec> values, Dictionary<string, SensorRule> byId) => rule switch
    {
        ThresholdRule threshold => CheckThreshold(threshold, values),
        RateRule rate => CheckValue(rate.Value, values)
            .Concat(Defined(rate.Direction)).Concat(Defined(rate.Level))
            .Concat(double.IsFinite(rate.PerMinute) && rate.PerMinute > 0 ? [] : [$"perMinute is {Number(rate.PerMinute)}; a rate is above 0"]),
        StaleRule stale => Defined(stale.Level).Concat(stale.AfterIntervals >= 1 ? [] : [$"afterIntervals is {stale.AfterIntervals}; at least 1"]),
        AllRule all => CheckAll(all, byId),
        _ => [$"type {rule.GetType().Name} is not a rule type"],
    };

    private static IEnumerable<string> CheckThreshold(ThresholdRule rule, IReadOnlyDictionary<string, SensorValueSpec> values)
    {
        foreach (var fault in CheckValue(rule.Value, values).Concat(Defined(rule.Direction)))
        {
            yield return fault;
        }

        if (!double.IsFinite(rule.Hysteresis) || rule.Hysteresis < 0)
        {
            yield return $"hysteresis is {Number(rule.Hysteresis)}; at least 0";
        }

        if (rule.Levels is not { Count: > 0 })
        {
            yield return "levels is empty; give a limit for at least one of blue, yellow, orange, red";
            yield break;
        }

        var grades = new List<(WarningLevel Level, double Limit)>();
        foreach (var (name, limit) in rule.Levels)
        {
            if (!WireNames.TryParse<WarningLevel>(name, out var level))
            {
                yield return $"levels.{name} is not a warning level; {WireNames.Expected<WarningLevel>()}";
            }
            else if (!double.IsFinite(limit))
            {
                yield return $"levels.{name} is not a finite number";
            }
            else
            {
                grades.Add((level, limit));
                if (values.TryGetValue(rule.Value, out var spec) && (limit < spec.Min || limit > spec.Max))
                {
                    yield return $"levels.{name} {Number(limit)} lies outside {rule.Value}'s physical range {Range(spec)}";
                }
            }
        }

        // From the least severe (blue = 4) to the most (red = 1): each limit strictly further in the direction.
        var ordered = grades.OrderByDescending(g => g.Level).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var (lower, higher) = (ordered[i - 1], ordered[i]);
            var rising = higher.Limit > lower.Limit;
            if (rule.Direction == RuleDirection.Above ? !rising : higher.Limit >= lower.Limit)
            {
                yield return $"levels are not monotonic: {Name(higher.Level)} {Number(higher.Limit)} must be {(rule.Direction == RuleDirection.Above ? "above" : "below")} {Name(lower.Level)} {Number(lower.Limit)} for a rule {Name(rule.Direction)}";
            }
        }
    }

    private static IEnumerable<string> CheckAll(AllRule rule, Dictionary<string, SensorRule> byId)
    {
        foreach (var fault in Defined(rule.Level))
        {
            yield return fault;
        }

        if (rule.Rules is not { Count: >= 2 })
        {
            yield return "a combination names at least two rules";
            yield break;
        }

        if (rule.Rules.Distinct(StringComparer.Ordinal).Count() != rule.Rules.Count)
        {
            yield return "a combination names each rule once";
        }

        foreach (var name in rule.Rules)
        {
            if (name == rule.Id)
            {
                yield return "a combination cannot name itself";
            }
            else if (!byId.TryGetValue(name, out var named))
            {
                yield return $"names rule {name}, which the sensor does not have (disabled or unknown)";
            }
            else if (named is AllRule)
            {
                yield return $"names {name}, itself a combination; name its rules instead";
            }
        }
    }

    private static IEnumerable<string> CheckValue(string value, IReadOnlyDictionary<string, SensorValueSpec> values) =>
        value is not null && values.ContainsKey(value)
            ? []
            : [$"value '{value}' is not a value of the kind; it has {string.Join(", ", values.Keys)}"];

    private static IEnumerable<string> Defined<T>(T value)
        where T : struct, Enum => Enum.IsDefined(value) ? [] : [$"{typeof(T).Name} {value} is not defined; {WireNames.Expected<T>()}"];

    private static string Name<T>(T value)
        where T : struct, Enum => WireNames.Of(value) ?? value.ToString();

    private static string Range(SensorValueSpec spec) => $"{Number(spec.Min)} to {Number(spec.Max)} {spec.Unit}";

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\A[a-z0-9]+(-[a-z0-9]+)*\z")]
    internal static partial Regex KebabCase();
}
