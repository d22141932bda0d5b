using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Slips;

/// <summary>GET v1/slips?unit=&amp;kind=&amp;acknowledged=: supervision slips for supervisors; unit staff see their own.</summary>
public sealed class ListSlips(CaseStore cases)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        var query = new QueryParameters(http.Request.Query);
        var unit = query.Text("unit");
        var kind = query.Enum<SlipKind>("kind");
        var acknowledged = query.Boolean("acknowledged");
        var limit = query.Limit();
        var continuationToken = query.ContinuationToken();
        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        // Acting as unit staff, whatever other roles the token holds, a caller sees only slips addressed to its unit.
        if (caller.IsUnitStaff)
        {
            unit = caller.Unit;
        }

        var (items, next) = await cases.ListSlipsAsync(unit, kind, acknowledged, limit, continuationToken, http.RequestAborted);
        return TypedResults.Json(new SlipPage(items, next), LygJsonContext.Wire.SlipPage);
    }
}
