using System.Diagnostics;
using Lyg.Contracts;

namespace Lyg.Orchestrations.Time;

/// <summary>
/// The time limits of every stage per code scheme, category and urgency (立案条件), as a table of rules with
/// wildcards.
/// </summary>
/// <remarks>
/// <para>
/// Resolution takes the most specific matching rule, comparing first the category (an exact code beats its major class
/// prefix such as <c>01*</c>, which beats <c>*</c>), then the kind (a rule for components or for events beats one for
/// both), then the urgency (exact beats <c>*</c>), then the scheme (exact beats <c>*</c>). So a rule for category
/// <c>0101</c> of any urgency and scheme wins over a rule for <c>01*</c>, urgent, in <c>gb2013</c>. A rule takes effect
/// as a whole: its four stage limits are not merged with those of less specific rules.
/// </para>
/// <para>
/// No two rules share scheme, category, kind and urgency, so the best match is unique, and a default rule (scheme and
/// category <c>*</c>, both kinds) must cover every urgency, so every case resolves.
/// </para>
/// <para>
/// A gb2013 code does not say whether it names a component or an event (0101 is both 上水井盖 and 私搭乱建): a rule
/// meant for one of them names its kind. A case that did not say its kind takes a rule for both kinds, else the rule of
/// the one kind that has one, as routing does; with rules for each kind and none for both, the next less specific
/// rule applies.
/// </para>
/// </remarks>
public sealed class TimeLimitRules
{
    private const string Any = "*";

    private static readonly Lazy<TimeLimitRules> Default =
        new(() => FromData(EmbeddedJson.Read(typeof(TimeLimitRules).Assembly, "Lyg.Orchestrations.Time.Data.time-limits.json", TimeDataJsonContext.Default.TimeLimitRuleData)));

    // Keyed by (scheme, category, kind, urgency); a null kind or urgency is the wildcard.
    private readonly Dictionary<RuleKey, StageLimits> _rules;

    private TimeLimitRules(Dictionary<RuleKey, StageLimits> rules) => _rules = rules;

    /// <summary>Builds the table after checking the data; every problem found is listed in one <see cref="ArgumentException"/>.</summary>
    public static TimeLimitRules FromData(TimeLimitRuleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(data.Rules);
        var errors = new List<string>();
        var rules = new Dictionary<RuleKey, StageLimits>();

        for (var i = 0; i < data.Rules.Count; i++)
        {
            var rule = data.Rules[i];
            var name = rule.Kind is null ? $"rule {i + 1} ({rule.Scheme}, {rule.Category}, {rule.Urgency})" : $"rule {i + 1} ({rule.Scheme}, {rule.Category}, {rule.Kind}, {rule.Urgency})";
            var ruleErrors = new List<string>();

            if (!IsSchemeKey(rule.Scheme))
            {
                ruleErrors.Add("scheme is '*' or lower-case letters and digits");
            }

            if (!IsCategoryKey(rule.Category))
            {
                ruleErrors.Add("category is a 4- or 5-digit code, a 2-digit major class followed by '*', or '*'");
            }

            if (!TryParseUrgency(rule.Urgency, out var urgency))
            {
                ruleErrors.Add("urgency is 'normal', 'urgent' or '*'");
            }

            if (!TryParseKind(rule.Kind, out var kind))
            {
                ruleErrors.Add("kind is 'component', 'event', '*' or absent");
            }

            var limits = new StageLimits(
                ToTimeLimit(rule.Limits.Register, "register", ruleErrors),
                ToTimeLimit(rule.Limits.Dispatch, "dispatch", ruleErrors),
                ToTimeLimit(rule.Limits.Handle, "handle", ruleErrors),
                ToTimeLimit(rule.Limits.Check, "check", ruleErrors));

            if (ruleErrors.Count > 0)
            {
                errors.AddRange(ruleErrors.Select(e => $"{name}: {e}"));
            }
            else if (!rules.TryAdd(new RuleKey(rule.Scheme, rule.Category, kind, urgency), limits))
            {
                errors.Add($"{name}: another rule has the same scheme, category, kind and urgency");
            }
        }

        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            if (!rules.ContainsKey(new RuleKey(Any, Any, null, urgency)) && !rules.ContainsKey(new RuleKey(Any, Any, null, null)))
            {
                errors.Add($"no default rule (scheme '*', category '*') covers {urgency} cases");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"The time-limit rules are invalid: {string.Join("; ", errors)}.", nameof(data));
        }

        return new TimeLimitRules(rules);
    }

    /// <summary>The embedded table (<c>Time/Data/time-limits.json</c>): local practice, meant to be configured.</summary>
    public static TimeLimitRules LoadDefault() => Default.Value;

    /// <summary>
    /// The stage limits of a case; a case without a category matches only rules for category <c>*</c>, and a case whose
    /// kind is not known (an ambiguous gb2013 code reported without one) a kind-specific rule only when the other kind
    /// has none in its place.
    /// </summary>
    public StageLimits Resolve(string scheme, string? categoryCode, Urgency urgency, CodeKind? kind = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        if (!Enum.IsDefined(urgency))
        {
            throw new ArgumentOutOfRangeException(nameof(urgency), urgency, "Unknown urgency.");
        }

        // Candidates in order of precedence: category first, then kind, then urgency, then scheme.
        foreach (var category in CategoryCandidates(categoryCode))
        {
            foreach (var kindKey in kind is null ? new CodeKind?[] { null, CodeKind.Component, CodeKind.Event } : [kind, null])
            {
                foreach (var urgencyKey in new Urgency?[] { urgency, null })
                {
                    foreach (var schemeKey in new[] { scheme, Any })
                    {
                        var key = new RuleKey(schemeKey, category, kindKey, urgencyKey);
                        if (_rules.TryGetValue(key, out var limits) && (kind is not null || kindKey is null || !_rules.ContainsKey(key with { Kind = Other(kindKey.Value) })))
                        {
                            return limits;
                        }
                    }
                }
            }
        }

        throw new UnreachableException("FromData guarantees a default rule for every urgency.");
    }

    private static IEnumerable<string> CategoryCandidates(string? categoryCode)
    {
        if (categoryCode is not null)
        {
            yield return categoryCode;
            if (categoryCode.Length > 2)
            {
                yield return string.Concat(categoryCode.AsSpan(0, 2), Any);
            }
        }

        yield return Any;
    }

    private static bool IsSchemeKey(string? scheme) =>
        scheme is Any || (!string.IsNullOrEmpty(scheme) && scheme.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)));

    private static bool IsCategoryKey(string? category) => category switch
    {
        Any => true,
        [var major1, var major2, '*'] => char.IsAsciiDigit(major1) && char.IsAsciiDigit(major2),
        { Length: 4 or 5 } => category.All(char.IsAsciiDigit),
        _ => false,
    };

    private static bool TryParseUrgency(string? text, out Urgency? urgency)
    {
        urgency = text switch
        {
            "normal" => Urgency.Normal,
            "urgent" => Urgency.Urgent,
            _ => null,
        };
        return urgency is not null || text is Any;
    }

    private static CodeKind Other(CodeKind kind) => kind == CodeKind.Component ? CodeKind.Event : CodeKind.Component;

    private static bool TryParseKind(string? text, out CodeKind? kind)
    {
        kind = text switch
        {
            "component" => CodeKind.Component,
            "event" => CodeKind.Event,
            _ => null,
        };
        return kind is not null || text is null or Any;
    }

    private static TimeLimit ToTimeLimit(LimitData limit, string stage, List<string> errors)
    {
        var hourClock = limit.Clock is ClockKind.ContinuousHours or ClockKind.WorkingHours;
        double? amount = (limit.Amount, limit.Minutes) switch
        {
            ({ } value, null) => value,
            (null, { } minutes) when hourClock => minutes / 60,
            _ => null,
        };

        if (!Enum.IsDefined(limit.Clock))
        {
            errors.Add($"{stage} has an unknown clock");
        }
        else if (amount is null)
        {
            errors.Add(hourClock
                ? $"{stage} gives exactly one of amount and minutes"
                : $"{stage} gives an amount (minutes suit only the hour clocks)");
        }
        else if (!double.IsFinite(amount.Value) || amount.Value <= 0)
        {
            errors.Add($"{stage} limit must be greater than 0");
        }

        return new TimeLimit(limit.Clock, amount ?? 0);
    }

    private readonly record struct RuleKey(string Scheme, string Category, CodeKind? Kind, Urgency? Urgency);
}
