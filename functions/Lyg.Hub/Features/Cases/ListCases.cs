using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// GET v1/cases?state=&amp;unit=&amp;category=&amp;source=&amp;grid=&amp;district=&amp;overdue=&amp;from=&amp;to=&amp;limit=&amp;continuationToken=.
/// Staff filter freely; unit staff see only their unit's cases and anyone else only their own reports, whatever they
/// ask, each report with its plain-language status.
/// </summary>
public sealed class ListCases(CaseStore cases, CaseViews views, TimeProvider clock)
{
    private const int GridCodeLength = 15;
    private const int DistrictCodeLength = 6;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        var query = new QueryParameters(http.Request.Query);
        var filter = new CaseFilter(
            query.Enum<CaseState>("state"),
            query.Text("unit"),
            query.Text("category", 5),
            query.Enum<CaseSource>("source"),
            null,
            query.Instant("from"),
            query.Instant("to"),
            query.Boolean("overdue") == true ? clock.GetUtcNow() : null,
            query.Text("grid", GridCodeLength),
            query.Text("district", DistrictCodeLength));
        var limit = query.Limit();
        var continuationToken = query.ContinuationToken();
        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        if (caller.IsStaff || caller.IsUnitStaff)
        {
            var (items, next) = await cases.ListAsync(caller.IsStaff ? filter : filter with { Unit = caller.Unit }, limit, continuationToken, http.RequestAborted);
            return TypedResults.Json(new CasePage([.. items.Select(views.Summary)], next), LygJsonContext.Wire.CasePage);
        }

        var (reports, nextReports) = await cases.ListAsync(filter with { Reporter = new ReporterId(caller.Issuer, caller.Subject) }, limit, continuationToken, http.RequestAborted);
        // A merged report shows its main case's status: one read per main case on the page.
        var mains = new Dictionary<string, CaseFacts?>(StringComparer.Ordinal);
        foreach (var mainId in reports.Select(r => r.Facts.MergedInto).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            mains[mainId] = await cases.FindFactsAsync(mainId, http.RequestAborted);
        }

        return TypedResults.Json(
            new ReportPage([.. reports.Select(r => CaseViews.ReportSummary(r, r.Facts.MergedInto is { } id ? mains[id] : null))], nextReports),
            LygJsonContext.Wire.ReportPage);
    }
}
