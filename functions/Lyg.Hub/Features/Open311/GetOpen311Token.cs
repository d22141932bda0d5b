using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Open311;

/// <summary>
/// GET open311/v2/tokens/{token}.{xml|json}: the request a token stands for. Every service here is realtime, so POST
/// answers the service_request_id and never a token; a client built to poll tokens anyway gets its request back when
/// it presents the id as the token. Anything else is 404.
/// </summary>
public sealed class GetOpen311Token(CaseStore cases, IOptions<Open311Options> options)
{
    public async Task<IResult> HandleAsync(HttpContext http, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Open311Checks.Refusal(http, options.Value, http.Request.Query[Open311Checks.JurisdictionParameter], out var format) is { } refusal)
        {
            return refusal;
        }

        var stored = await cases.FindAsync(token, http.RequestAborted);
        if (stored is null || !Open311Checks.MayRead(http.GetCaller(), stored.Facts, options.Value))
        {
            return Open311Replies.NotFound($"There is no token {token}: requests here are realtime and answered with their service_request_id.", format);
        }

        return Open311Replies.Reply<IReadOnlyList<Open311Token>>(
            [new Open311Token(stored.CaseId, token)], format, Open311JsonContext.Wire.IReadOnlyListOpen311Token, Open311Xml.Tokens);
    }
}
