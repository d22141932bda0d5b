using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Lyg.Orchestrations.Units;

namespace Lyg.Hub.Features.Units;

/// <summary>
/// GET v1/units?kind=&amp;active=&amp;limit=&amp;continuationToken=: the registry in code order, for staff choosing
/// where to dispatch. Empty parameters count as absent.
/// </summary>
public sealed class ListUnits(UnitStore units)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private const int MaxContinuationTokenLength = 1024;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();

        UnitKind? kind = null;
        if (Parameter(query, "kind") is { } kindText)
        {
            if (WireNames.TryParse<UnitKind>(kindText, out var parsed))
            {
                kind = parsed;
            }
            else
            {
                errors["kind"] = [WireNames.Expected<UnitKind>()];
            }
        }

        bool? active = null;
        if (Parameter(query, "active") is { } activeText)
        {
            if (bool.TryParse(activeText, out var parsed))
            {
                active = parsed;
            }
            else
            {
                errors["active"] = ["true or false."];
            }
        }

        var limit = DefaultLimit;
        if (Parameter(query, "limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"A whole number from 1 to {MaxLimit}."];
        }

        var continuationToken = Parameter(query, "continuationToken");
        if (continuationToken is { Length: > MaxContinuationTokenLength })
        {
            errors["continuationToken"] = ["Pass back the continuationToken of the previous page unchanged."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await units.ListAsync(kind, active, limit, continuationToken, http.RequestAborted);
        return TypedResults.Json(page, LygJsonContext.Wire.UnitPage);
    }

    private static string? Parameter(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value ? value : null;
}
