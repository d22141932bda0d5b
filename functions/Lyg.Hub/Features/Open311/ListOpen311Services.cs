using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Open311;

/// <summary>GET open311/v2/services.{xml|json}: every category of the configured code scheme, grouped by major class.</summary>
public sealed class ListOpen311Services(Open311Services services, IOptions<Open311Options> options)
{
    public IResult Handle(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Open311Checks.Refusal(http, options.Value, http.Request.Query[Open311Checks.JurisdictionParameter], out var format)
            ?? Open311Replies.Reply(services.All, format, Open311JsonContext.Wire.IReadOnlyListOpen311Service, Open311Xml.Services);
    }
}
