using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Open311;

/// <summary>
/// GET open311/v2/requests/{service_request_id}.{xml|json}: one request, answered as the spec does, a list of one.
/// A request the client may not read is 404, as one that does not exist, so ids cannot be probed.
/// </summary>
public sealed class GetOpen311Request(CaseStore cases, Open311RequestViews views, IOptions<Open311Options> options)
{
    public async Task<IResult> HandleAsync(HttpContext http, string serviceRequestId)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Open311Checks.Refusal(http, options.Value, http.Request.Query[Open311Checks.JurisdictionParameter], out var format) is { } refusal)
        {
            return refusal;
        }

        var stored = await cases.FindAsync(serviceRequestId, http.RequestAborted);
        if (stored is null || !Open311Checks.MayRead(http.GetCaller(), stored.Facts, options.Value))
        {
            return Open311Replies.NotFound($"There is no service request {serviceRequestId}.", format);
        }

        var requests = await views.ViewAsync([stored], http.Request, http.RequestAborted);
        return Open311Replies.Reply(requests, format, Open311JsonContext.Wire.IReadOnlyListOpen311Request, Open311Xml.Requests);
    }
}
