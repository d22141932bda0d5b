using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Open311;

/// <summary>
/// GET open311/v2/services/{service_code}.{xml|json}: the service's definition. No service asks for attributes
/// (metadata is false), so the definition names the code with an empty attribute list; an unknown code is 404.
/// </summary>
public sealed class GetOpen311ServiceDefinition(Open311Services services, IOptions<Open311Options> options)
{
    public IResult Handle(HttpContext http, string serviceCode)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Open311Checks.Refusal(http, options.Value, http.Request.Query[Open311Checks.JurisdictionParameter], out var format) is { } refusal)
        {
            return refusal;
        }

        return services.TryFind(serviceCode, out _)
            ? Open311Replies.Reply(new Open311ServiceDefinition(serviceCode, []), format, Open311JsonContext.Wire.Open311ServiceDefinition, Open311Xml.Definition)
            : Open311Replies.NotFound($"service_code {serviceCode} is not a service of this endpoint; GET services lists them.", format);
    }
}
