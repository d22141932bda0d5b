using Lyg.Contracts;
using Lyg.Hub.Features.Codes;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Routing;

namespace Lyg.Hub.Features.Routing;

/// <summary>
/// The unit routing suggests for a case, from its category, place and component (ADR 0008): a rule naming the
/// component's owner, else the component's maintenance unit, else its owner, else the most specific rule or service area.
/// </summary>
public sealed class CaseRouting(CurrentRouting routing, CodeCatalog codes)
{
    /// <param name="categoryKind">The case's kind when it is known; otherwise the only kind its code names, if one.</param>
    public RouteSuggestion? Suggest(string? categoryCode, CodeKind? categoryKind, CasePlace? place, CaseComponent? component = null)
    {
        var rules = routing.Rules;
        if (component is null)
        {
            return rules.Resolve(new RouteQuery(categoryCode, CategoryCode.KindOf(categoryCode, categoryKind, codes), PlacesOf(place)));
        }

        var query = new RouteQuery(categoryCode, CodeKind.Component, PlacesOf(place), component.OwnerUnit);
        if (component.OwnerUnit is not null && rules.Resolve(query) is { } byOwner)
        {
            return byOwner;
        }

        return component switch
        {
            { MaintenanceUnit: { } maintainer } => new RouteSuggestion(maintainer, $"maintenance unit of component {component.Id}"),
            { OwnerUnit: { } owner } => new RouteSuggestion(owner, $"owner of component {component.Id}"),
            _ => rules.Resolve(query with { Owner = null }),
        };
    }

    /// <summary>The suggestion for a category at a located point, as GET v1/geo/locate answers it.</summary>
    public RouteSuggestion? Suggest(string? categoryCode, GridLocation location) =>
        routing.Rules.Resolve(new RouteQuery(categoryCode, CategoryCode.KindOf(categoryCode, null, codes), PlacesOf(location)));

    /// <summary>A located point's place codes, most specific first, as routing and service areas match them.</summary>
    public static IReadOnlyList<string> PlacesOf(GridLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return [location.Grid, location.Community.Code, location.Street.Code, location.District.Code];
    }

    private static IReadOnlyList<string> PlacesOf(CasePlace? place) =>
        place is null ? [] : [place.Grid, place.Community.Code, place.Street.Code, place.District.Code];
}
