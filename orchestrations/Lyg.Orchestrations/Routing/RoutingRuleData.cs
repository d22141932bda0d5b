namespace Lyg.Orchestrations.Routing;

/// <summary>The routing rule table as an administrator maintains it (embedded sample: <c>Routing/Data/routing.json</c>).</summary>
public sealed record RoutingRuleData(IReadOnlyList<RoutingRule> Rules)
{
    /// <summary>Provenance of the rules, for the administrator.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// One row of the routing table. <see cref="Category"/> is an exact 4- or 5-digit code, a major class prefix such as
/// <c>01*</c>, or <c>*</c>; <see cref="Place"/> a division (6 digits), street (9), community (12) or grid (15) code,
/// or <c>*</c>; <see cref="Unit"/> the code of the responsible unit. <see cref="Kind"/> is <c>component</c>,
/// <c>event</c> or <c>*</c> (absent means <c>*</c>); <see cref="Owner"/> the unit owning the component the case
/// concerns (权属单位), or <c>*</c> (absent means <c>*</c>).
/// </summary>
public sealed record RoutingRule(string Category, string Place, string Unit)
{
    public string? Kind { get; init; }

    public string? Owner { get; init; }

    /// <summary>Why this unit answers for these cases.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// A unit's service area read as routing: the unit answers for <see cref="Category"/> (a routing category key) in
/// <see cref="Place"/> (a place code of any level), whatever the kind or owner.
/// </summary>
public sealed record ServiceAreaClaim(string Unit, string Category, string Place);

/// <summary>What routing knows of a case: its category and kind, its places from the grid up, and its component's owner.</summary>
/// <param name="Places">Codes of the case's places, most specific first (grid, community, street, district); empty when unplaced.</param>
/// <param name="Owner">The owner unit of the component the case concerns; null asks for the rules that name no owner.</param>
public sealed record RouteQuery(string? CategoryCode, Contracts.CodeKind? Kind, IReadOnlyList<string> Places, string? Owner = null);
