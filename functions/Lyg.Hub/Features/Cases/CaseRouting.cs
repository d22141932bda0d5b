using Lyg.Contracts;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Routing;

namespace Lyg.Hub.Features.Cases;

/// <summary>The unit the routing table suggests for a case, from its category and stored place.</summary>
public sealed class CaseRouting(RoutingRules rules, CodeCatalog codes)
{
    public RouteSuggestion? Suggest(string? categoryCode, CasePlace? place) =>
        rules.Resolve(categoryCode, KindOf(categoryCode), place?.District.Code, place?.Street.Code);

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
