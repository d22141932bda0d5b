using Lyg.Contracts;
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
    public RouteSuggestion? Suggest(string? categoryCode, CasePlace? place, CaseComponent? component = null)
    {
        var rules = routing.Rules;
        if (component is null)
        {
            return rules.Resolve(new RouteQuery(categoryCode, KindOf(categoryCode), PlacesOf(place)));
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
        routing.Rules.Resolve(new RouteQuery(categoryCode, KindOf(categoryCode), PlacesOf(location)));

    /// <summary>A located point's place codes, most specific first, as routing and service areas match them.</summary>
    public static IReadOnlyList<string> PlacesOf(GridLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return [location.Grid, location.Community.Code, location.Street.Code, location.District.Code];
    }

    private static IReadOnlyList<string> PlacesOf(CasePlace? place) =>
        place is null ? [] : [place.Grid, place.Community.Code, place.Street.Code, place.District.Code];

    // Cases carry no kind; the catalog tells it when the code names only components or only events.
    private CodeKind? KindOf(string? categoryCode)
    {
        if (categoryCode is null || CodeSchemes.OfCategoryCode(categoryCode) is not { } scheme)
        {
            return null;
        }

        var kinds = codes.Find(scheme, null, categoryCode).Select(e => e.Kind).Distinct().ToList();
        return kinds.Count == 1 ? kinds[0] : null;
    }
}
