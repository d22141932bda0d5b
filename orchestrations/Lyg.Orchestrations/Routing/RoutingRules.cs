using Lyg.Contracts;
using Lyg.Orchestrations.Units;

namespace Lyg.Orchestrations.Routing;

/// <summary>The unit a rule suggests, and the rule as the timeline names it.</summary>
public sealed record RouteSuggestion(string Unit, string Rule);

/// <summary>
/// Which unit answers for a case (责任单位), by category, kind and place, as a table of rules with wildcards.
/// </summary>
/// <remarks>
/// <para>
/// Resolution takes the most specific matching rule, comparing first the category (an exact code beats its major class
/// prefix such as <c>01*</c>, which beats <c>*</c>), then the place (a street beats its district, which beats <c>*</c>),
/// then the kind (exact beats <c>*</c>). So a rule for category <c>0137</c> anywhere wins over a rule for <c>01*</c> in
/// one street. No rule is required to match: a case no rule covers gets no suggestion.
/// </para>
/// <para>
/// Every precedence tie is rejected at load: no two rules share category, kind and place, and a street rule names the
/// district the street lies in (a street code starts with its district's code). A gb2013 code may name both a component
/// and an event (0101 is 供水井盖 and 私搭乱建), and cases do not say which, so for a case of unknown kind the rule for
/// kind <c>*</c> applies, else the one kind-specific rule; component and event rules for the same category and place
/// therefore need a kind <c>*</c> rule beside them.
/// </para>
/// </remarks>
public sealed class RoutingRules
{
    private const string Any = "*";
    private const string Component = "component";
    private const string Event = "event";

    private static readonly Lazy<RoutingRules> Default =
        new(() => FromData(EmbeddedJson.Read(typeof(RoutingRules).Assembly, "Lyg.Orchestrations.Routing.Data.routing.json", RoutingDataJsonContext.Default.RoutingRuleData)));

    // Keyed by (category, district, street); each key holds its rules by kind ("component", "event" or "*").
    private readonly Dictionary<(string Category, string District, string Street), Dictionary<string, RoutingRule>> _rules;

    private RoutingRules(Dictionary<(string, string, string), Dictionary<string, RoutingRule>> rules) => _rules = rules;

    /// <summary>Builds the table after checking the data; every problem found is listed in one <see cref="ArgumentException"/>.</summary>
    public static RoutingRules FromData(RoutingRuleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(data.Rules);
        var errors = new List<string>();
        var rules = new Dictionary<(string, string, string), Dictionary<string, RoutingRule>>();

        for (var i = 0; i < data.Rules.Count; i++)
        {
            var rule = data.Rules[i];
            var name = $"rule {i + 1} ({Describe(rule)})";
            var ruleErrors = new List<string>();

            if (!IsCategoryKey(rule.Category))
            {
                ruleErrors.Add("category is a 4- or 5-digit code, a 2-digit major class followed by '*', or '*'");
            }

            var kind = rule.Kind ?? Any;
            if (kind is not (Any or Component or Event))
            {
                ruleErrors.Add("kind is 'component', 'event' or '*'");
            }

            if (rule.District is not Any && !IsDigits(rule.District, 6))
            {
                ruleErrors.Add("district is a 6-digit division code or '*'");
            }

            if (rule.Street is not Any && (!IsDigits(rule.Street, 9) || !rule.Street.StartsWith(rule.District, StringComparison.Ordinal)))
            {
                ruleErrors.Add("street is '*' or a 9-digit street code beginning with the rule's district code");
            }

            if (!UnitCode.IsWellFormed(rule.Unit))
            {
                ruleErrors.Add("unit is 2 to 32 ASCII letters, digits or '-', starting with a letter or digit");
            }

            if (ruleErrors.Count > 0)
            {
                errors.AddRange(ruleErrors.Select(e => $"{name}: {e}"));
                continue;
            }

            var byKind = rules.TryGetValue((rule.Category, rule.District, rule.Street), out var found) ? found : new(StringComparer.Ordinal);
            rules[(rule.Category, rule.District, rule.Street)] = byKind;
            if (!byKind.TryAdd(kind, rule))
            {
                errors.Add($"{name}: another rule has the same category, kind, district and street");
            }
        }

        foreach (var ((category, district, street), byKind) in rules)
        {
            if (!byKind.ContainsKey(Any) && byKind.Count > 1)
            {
                errors.Add($"category {category}, district {district}, street {street}: component and event rules tie for cases of unknown kind; add a rule for kind '*'");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"The routing rules are invalid: {string.Join("; ", errors)}.", nameof(data));
        }

        return new RoutingRules(rules);
    }

    /// <summary>The embedded table (<c>Routing/Data/routing.json</c>): a sample, meant to be configured.</summary>
    public static RoutingRules LoadDefault() => Default.Value;

    /// <summary>
    /// The unit the most specific matching rule names, or null when none matches. A case without a category matches
    /// only rules for category <c>*</c>; one without a place only rules for district <c>*</c>; a null
    /// <paramref name="kind"/> is unknown.
    /// </summary>
    public RouteSuggestion? Resolve(string? categoryCode, CodeKind? kind, string? district, string? street)
    {
        foreach (var category in CategoryCandidates(categoryCode))
        {
            foreach (var place in PlaceCandidates(district, street))
            {
                if (_rules.TryGetValue((category, place.District, place.Street), out var byKind) && Pick(byKind, kind) is { } rule)
                {
                    return new RouteSuggestion(rule.Unit, Describe(rule));
                }
            }
        }

        return null;
    }

    private static RoutingRule? Pick(Dictionary<string, RoutingRule> byKind, CodeKind? kind)
    {
        var kindKey = kind switch
        {
            CodeKind.Component => Component,
            CodeKind.Event => Event,
            _ => null,
        };
        if (kindKey is not null && byKind.TryGetValue(kindKey, out var exact))
        {
            return exact;
        }

        if (byKind.TryGetValue(Any, out var any))
        {
            return any;
        }

        // FromData leaves a single kind-specific rule here when there is no wildcard, so an unknown kind cannot tie.
        return kind is null && byKind.Count == 1 ? byKind.Values.Single() : null;
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

    private static IEnumerable<(string District, string Street)> PlaceCandidates(string? district, string? street)
    {
        if (district is not null)
        {
            if (street is not null)
            {
                yield return (district, street);
            }

            yield return (district, Any);
        }

        yield return (Any, Any);
    }

    private static string Describe(RoutingRule rule) =>
        $"category {rule.Category}, kind {rule.Kind ?? Any}, district {rule.District}, street {rule.Street} → {rule.Unit}";

    private static bool IsCategoryKey(string? category) => category switch
    {
        Any => true,
        [var major1, var major2, '*'] => char.IsAsciiDigit(major1) && char.IsAsciiDigit(major2),
        { Length: 4 or 5 } => category.All(char.IsAsciiDigit),
        _ => false,
    };

    private static bool IsDigits(string? text, int length) => text?.Length == length && text.All(char.IsAsciiDigit);
}
