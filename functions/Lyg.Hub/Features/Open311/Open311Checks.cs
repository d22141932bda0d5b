using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lyg.Hub.Features.Open311;

/// <summary>What every Open311 handler checks first: the extension, then the jurisdiction; and who may read a request.</summary>
public static class Open311Checks
{
    public const string JurisdictionParameter = "jurisdiction_id";

    /// <summary>
    /// Null when the request may go on in <paramref name="format"/>; otherwise its error: 404 for an extension other
    /// than json or xml, 404 for a jurisdiction this endpoint does not serve (the spec's words for both).
    /// </summary>
    public static IResult? Refusal(HttpContext http, Open311Options options, StringValues jurisdiction, out ReplyFormat format)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        format = ReplyFormat.Xml;
        if (Open311Replies.FormatOf(http) is not { } asked)
        {
            return Open311Replies.NotFound($"{http.Request.Path} is not a resource of this endpoint: the formats are .xml and .json.", null);
        }

        format = asked;
        if (jurisdiction.Count > 1)
        {
            return Open311Replies.BadRequest($"{JurisdictionParameter} is given more than once.", format);
        }

        var named = jurisdiction.ToString();
        return named.Length > 0 && options.JurisdictionId is { } served && !string.Equals(named, served, StringComparison.OrdinalIgnoreCase)
            ? Open311Replies.NotFound($"{JurisdictionParameter} {named} is not served here; this endpoint serves {served}.", format)
            : null;
    }

    /// <summary>A client reads the requests it filed, or every case where the city publishes them all.</summary>
    public static bool MayRead(Caller caller, CaseFacts facts, Open311Options options)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(options);
        return options.ListEveryCase || caller.Reported(facts);
    }
}
