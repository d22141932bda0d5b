using Lyg.Contracts;
using Lyg.Orchestrations.Units;

namespace Lyg.Orchestrations.Routing;

/// <summary>The unit a rule or service area suggests, and the rule as the timeline names it.</summary>
public sealed record RouteSuggestion(string Unit, string Rule);

/// <summary>
/// Which unit answers for a case (责任单位): a table of rules by category, component owner, place and kind, with
/// wildcards, joined by the units' service areas.
/// </summary>
/// <remarks>
/// <para>
/// Resolution takes the most specific match, comparing first the category (an exact code beats its major class prefix
/// such as <c>01*</c>, which beats <c>*</c>), then the place (grid, community, street, district, <c>*</c>), then the
/// kind (exact beats <c>*</c>). So a rule for category <c>0137</c> anywhere wins over a rule for <c>01*</c> in one
/// street. Owner rules are asked for separately (<see cref="RouteQuery.Owner"/>): they only ever apply to a case about
/// a component of that owner. No rule is required to match: a case nothing covers gets no suggestion.
/// </para>
/// <para>
/// A service area is a rule of kind and owner <c>*</c> that a unit declares for itself. Where a table rule and a
/// service area have the same category and place, the table wins, because it is the administrator's explicit word;
/// where several service areas overlap, the lowest unit code wins and the suggestion names the others.
/// </para>
/// <para>
/// Every tie between table rules is rejected at load: no two rules share category, owner, place and kind. A gb2013 code
/// may name both a component and an event (0101 is 供水井盖 and 私搭乱建) and cases do not always say which, so for a
/// case of unknown kind the rule for kind <c>*</c> applies, else the one kind-specific rule; component and event rules
/// for the same category, owner and place therefore need a kind <c>*</c> rule beside them.
/// </para>
/// </remarks>
public sealed class RoutingRules
{
    public const string Any = "*";
    private const string Component = "component";
    private const string Event = "event";

    private static readonly Lazy<RoutingRules> Default =
        new(() => FromData(EmbeddedJson.Read(typeof(RoutingRules).Assembly, "Lyg.Orchestrations.Routing.Data.routing.json", RoutingDataJsonContext.Default.RoutingRuleData)));

    private readonly Dictionary<(string Category, string Owner, string Place), Slot> _slots;

    private RoutingRules(Dictionary<(string, string, string), Slot> slots) => _slots = slots;

    /// <summary>Builds the table after checking the data; every problem found is listed in one <see cref="ArgumentException"/>.</summary>
    public static RoutingRules FromData(RoutingRuleData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(data.Rules);
        var errors = new List<string>();
        var slots = new Dictionary<(string, string, string), Slot>();

        for (var i = 0; i < data.Rules.Count; i++)
        {
            var rule = data.Rules[i];
            var name = $"rule {i + 1} ({Describe(rule)})";
            var ruleErrors = new List<string>();
            if (!IsCategoryKey(rule.Category))
            {
                ruleErrors.Add(CategoryKeyError);
            }

            var kind = rule.Kind ?? Any;
            if (kind is not (Any or Component or Event))
            {
                ruleErrors.Add("kind is 'component', 'event' or '*'");
            }

            var owner = rule.Owner ?? Any;
            if (owner is not Any && !UnitCode.IsWellFormed(owner))
            {
                ruleErrors.Add("owner is '*' or a unit code");
            }

            if (!IsPlaceKey(rule.Place))
            {
                ruleErrors.Add(PlaceKeyError);
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

            var slot = SlotOf(slots, (rule.Category, owner, rule.Place));
            if (!slot.RulesByKind.TryAdd(kind, rule))
            {
                errors.Add($"{name}: another rule has the same category, owner, place and kind");
            }
        }

        foreach (var ((category, owner, place), slot) in slots)
        {
            if (!slot.RulesByKind.ContainsKey(Any) && slot.RulesByKind.Count > 1)
            {
                errors.Add($"category {category}, owner {owner}, place {place}: component and event rules tie for cases of unknown kind; add a rule for kind '*'");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"The routing rules are invalid: {string.Join("; ", errors)}.", nameof(data));
        }

        return new RoutingRules(slots);
    }

    /// <summary>The embedded table (<c>Routing/Data/routing.json</c>): a sample, meant to be configured.</summary>
    public static RoutingRules LoadDefault() => Default.Value;

    public const string CategoryKeyError = "category is a 4- or 5-digit code, a 2-digit major class followed by '*', or '*'";

    public const string PlaceKeyError = "place is '*' or a division (6 digits), street (9), community (12) or grid (15) code";

    /// <summary>A 4- or 5-digit category code, a 2-digit major class followed by <c>*</c>, or <c>*</c>.</summary>
    public static bool IsCategoryKey(string? category) => category switch
    {
        Any => true,
        [var major1, var major2, '*'] => char.IsAsciiDigit(major1) && char.IsAsciiDigit(major2),
        { Length: 4 or 5 } => category.All(char.IsAsciiDigit),
        _ => false,
    };

    /// <summary>Whether a category key (<see cref="IsCategoryKey"/>) matches the category code.</summary>
    public static bool Covers(string categoryKey, string categoryCode) => CategoryCandidates(categoryCode).Contains(categoryKey);

    /// <summary><c>*</c> or a place code of any level.</summary>
    public static bool IsPlaceKey(string? place) =>
        place is Any || (place?.Length is 6 or 9 or 12 or 15 && place.All(char.IsAsciiDigit));

    /// <summary>
    /// The same table joined by the units' service areas (any earlier ones replaced). Claims must be well formed
    /// (<see cref="IsCategoryKey"/>, <see cref="IsPlaceKey"/>); the unit registry validates them on every change.
    /// </summary>
    public RoutingRules WithServiceAreas(IEnumerable<ServiceAreaClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var slots = _slots
            .Where(s => s.Value.RulesByKind.Count > 0)
            .ToDictionary(s => s.Key, s => new Slot(s.Value.RulesByKind, []));
        foreach (var claim in claims)
        {
            if (!IsCategoryKey(claim.Category) || !IsPlaceKey(claim.Place) || !UnitCode.IsWellFormed(claim.Unit))
            {
                throw new ArgumentException($"Malformed service area of {claim.Unit}: category {claim.Category}, place {claim.Place}.", nameof(claims));
            }

            SlotOf(slots, (claim.Category, Any, claim.Place)).Claims.Add(claim);
        }

        foreach (var slot in slots.Values)
        {
            slot.Claims.Sort((a, b) => string.CompareOrdinal(a.Unit, b.Unit));
        }

        return new RoutingRules(slots);
    }

    /// <summary>The most specific matching rule or service area, or null when none matches.</summary>
    public RouteSuggestion? Resolve(RouteQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var owner = query.Owner ?? Any;
        foreach (var category in CategoryCandidates(query.CategoryCode))
        {
            foreach (var place in query.Places.Append(Any))
            {
                if (_slots.TryGetValue((category, owner, place), out var slot) && Pick(slot, query.Kind) is { } suggestion)
                {
                    return suggestion;
                }
            }
        }

        return null;
    }

    private static RouteSuggestion? Pick(Slot slot, CodeKind? kind)
    {
        var kindKey = kind switch
        {
            CodeKind.Component => Component,
            CodeKind.Event => Event,
            _ => null,
        };
        var rules = slot.RulesByKind;
        var rule = kindKey is not null && rules.TryGetValue(kindKey, out var exact) ? exact
            : rules.TryGetValue(Any, out var any) ? any
            // FromData leaves a single kind-specific rule here when there is no wildcard, so an unknown kind cannot tie.
            : kind is null && rules.Count == 1 ? rules.Values.Single()
            : null;
        if (rule is not null)
        {
            return new RouteSuggestion(rule.Unit, "rule " + Describe(rule));
        }

        if (slot.Claims.Count == 0)
        {
            return null;
        }

        var first = slot.Claims[0];
        var others = slot.Claims.Count > 1 ? $"; also claimed by {string.Join(", ", slot.Claims.Skip(1).Select(c => c.Unit))}" : "";
        return new RouteSuggestion(first.Unit, $"service area of {first.Unit}: category {first.Category}, place {first.Place}{others}");
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

    private static Slot SlotOf(Dictionary<(string, string, string), Slot> slots, (string, string, string) key)
    {
        if (!slots.TryGetValue(key, out var slot))
        {
            slot = new Slot(new Dictionary<string, RoutingRule>(StringComparer.Ordinal), []);
            slots[key] = slot;
        }

        return slot;
    }

    private static string Describe(RoutingRule rule) =>
        $"category {rule.Category}, kind {rule.Kind ?? Any}, " + (rule.Owner is null or Any ? "" : $"owner {rule.Owner}, ") + $"place {rule.Place} → {rule.Unit}";

    /// <summary>Table rules by kind (<c>component</c>, <c>event</c> or <c>*</c>) and service areas by unit code, for one key.</summary>
    private sealed record Slot(Dictionary<string, RoutingRule> RulesByKind, List<ServiceAreaClaim> Claims);
}
