namespace Lyg.Orchestrations.Routing;

/// <summary>The routing rule table as an administrator maintains it (embedded sample: <c>Routing/Data/routing.json</c>).</summary>
public sealed record RoutingRuleData(IReadOnlyList<RoutingRule> Rules)
{
    /// <summary>Provenance of the rules, for the administrator.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// One row of the routing table. <see cref="Category"/> is an exact 4- or 5-digit code, a major class prefix such as
/// <c>01*</c>, or <c>*</c>; <see cref="Kind"/> is <c>component</c>, <c>event</c> or <c>*</c> (absent means <c>*</c>);
/// <see cref="District"/> a 6-digit division code or <c>*</c>; <see cref="Street"/> a 9-digit street code or <c>*</c>;
/// <see cref="Unit"/> the code of the responsible unit.
/// </summary>
public sealed record RoutingRule(string Category, string District, string Street, string Unit)
{
    public string? Kind { get; init; }

    /// <summary>Why this unit answers for these cases.</summary>
    public string? Note { get; init; }
}
