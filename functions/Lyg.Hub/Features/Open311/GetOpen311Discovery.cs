using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Open311;

/// <summary>
/// GET open311/v2/discovery.{xml|json}: the spec's service discovery document — where the GeoReport v2 endpoint is,
/// which formats it speaks, whom to ask for a key.
/// </summary>
public sealed class GetOpen311Discovery(IOptions<Open311Options> options)
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    public IResult Handle(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var settings = options.Value;
        if (Open311Checks.Refusal(http, settings, default, out var format) is { } refusal)
        {
            return refusal;
        }

        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/{Open311Replies.RoutePrefix.TrimEnd('/')}";
        var discovery = new Open311Discovery(
            settings.Changeset,
            settings.Contact,
            settings.KeyService,
            [new Open311Endpoint(Specification, url, settings.Changeset, settings.EndpointType, ["text/xml", "application/json"])]);
        return Open311Replies.Reply(discovery, format, Open311JsonContext.Wire.Open311Discovery, Open311Xml.Discovery);
    }
}
