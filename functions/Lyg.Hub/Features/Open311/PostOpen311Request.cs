using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Open311;

/// <summary>
/// POST open311/v2/requests.{xml|json}: a GeoReport v2 client files a service request, form-encoded as the spec says.
/// A thin adapter over <see cref="CaseIntake"/>: source open311, reporter the client (by its id), the service's
/// category, the WGS84 point, the address string, the client's media_url as a link (never fetched), its
/// Idempotency-Key as the source key. The submitter's personal fields (email, names, phone, device and account ids)
/// are accepted as the spec allows and neither stored nor echoed. Answered with the case id at once (realtime).
/// </summary>
public sealed class PostOpen311Request(CaseIntake intake, Open311Services services, IOptions<Open311Options> options)
{
    private const int MaxMediaUrlLength = CaseIntake.MaxLinkLength;

    /// <summary>The intake's field names in the spec's words, so a client is told which of its fields to fix.</summary>
    private static readonly Dictionary<string, string> SpecFieldOf = new(StringComparer.Ordinal)
    {
        ["categoryCode"] = "service_code",
        ["categoryKind"] = "service_code",
        ["location"] = "lat",
        ["location.lat"] = "lat",
        ["location.lon"] = "long",
        ["address"] = "address_string",
        ["links"] = "media_url",
        ["links[0]"] = "media_url",
    };

    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        var settings = options.Value;
        if (Open311Replies.FormatOf(http) is not { } asked)
        {
            return Open311Checks.Refusal(http, settings, default, out _)!;
        }

        if (!http.Request.HasFormContentType)
        {
            return Open311Replies.BadRequest("Send the request as application/x-www-form-urlencoded, as GeoReport v2 says.", asked);
        }

        IFormCollection form;
        try
        {
            // The gate read it already to find the api_key unless the key came in the query; either way, bounded once.
            ApiKeyAuthenticator.BoundForm(http.Request);
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Open311Replies.BadRequest("The form could not be read: it is malformed, too large, or was cut short.", asked);
        }

        if (Open311Checks.Refusal(http, settings, form[Open311Checks.JurisdictionParameter], out var format) is { } refusal)
        {
            return refusal;
        }

        var (fields, errors) = Read(form);
        var serviceCode = fields.GetValueOrDefault("service_code");
        if (errors.Count == 0 && serviceCode is not null && !services.TryFind(serviceCode, out _))
        {
            return Open311Replies.NotFound($"service_code {serviceCode} is not a service of this endpoint; GET services lists them.", format);
        }

        var keyHeader = IdempotencyKeyHeader.Read(http.Request, errors);

        if (errors.Count > 0)
        {
            return Open311Replies.Invalid(errors, format);
        }

        services.TryFind(serviceCode, out var category);
        var caller = http.GetCaller();
        var report = new IntakeRequest(
            CaseSource.Open311,
            new IntakeReporter(caller.Issuer, caller.Subject, caller.ActingAs),

            // The spec makes the description optional; a case needs one, and the service says what was reported.
            fields.GetValueOrDefault("description") ?? category!.Name,
            category!.Code,
            new GeoLocation(Number(fields, "lat"), Number(fields, "long"), CoordinateSystem.Wgs84),
            fields.GetValueOrDefault("address_string"),
            CategoryKind: category.Kind,
            CategoryScheme: category.Scheme,
            Links: fields.GetValueOrDefault("media_url") is { } media ? [new CaseLink(Open311RequestViews.MediaRel, media)] : null);
        var sourceKey = keyHeader is null ? null : new SourceKey($"{caller.Issuer}\n{caller.Subject}", keyHeader);
        var outcome = await intake.SubmitAsync(report, sourceKey, durable, http.RequestAborted);
        return outcome switch
        {
            IntakeOutcome.Accepted accepted => Open311Replies.Reply<IReadOnlyList<Open311Created>>(
                [new Open311Created(accepted.CaseId, settings.ServiceNotice, null)], format,
                Open311JsonContext.Wire.IReadOnlyListOpen311Created, Open311Xml.Created),
            IntakeOutcome.KeyConflict => Open311Replies.Error(StatusCodes.Status409Conflict, "This Idempotency-Key was first used with a different request.", format),
            IntakeOutcome.Rejected rejected => Open311Replies.Invalid(
                rejected.Errors.GroupBy(e => SpecFieldOf.GetValueOrDefault(e.Key, e.Key)).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray()), format),
            // Limits count citizens, not machine clients; answered in the spec's format should one ever apply.
            IntakeOutcome.Limited => Open311Replies.Error(StatusCodes.Status429TooManyRequests, "Too many requests; try again later.", format),
            _ => throw new InvalidOperationException($"Unknown intake outcome {outcome}."),
        };
    }

    /// <summary>
    /// The fields the hub acts on, each once; and every field error at once, so a client fixes its request in one round.
    /// </summary>
    private static (Dictionary<string, string> Fields, Dictionary<string, string[]> Errors) Read(IFormCollection form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            if (values.Count > 1 && !name.StartsWith("attribute[", StringComparison.Ordinal))
            {
                errors[name] = ["Given more than once."];
            }
            else if (values.Any(v => v?.Contains('\uFFFD', StringComparison.Ordinal) == true))
            {
                // The form reader replaces bytes that are not UTF-8; the spec says every text is UTF-8.
                errors[name] = ["Not UTF-8 text."];
            }
            else if (values.ToString() is { Length: > 0 } value)
            {
                fields[name] = value;
            }
        }

        if (!fields.ContainsKey("service_code") && !errors.ContainsKey("service_code"))
        {
            errors["service_code"] = ["Required: GET services lists the codes."];
        }

        ReadLocation(fields, errors);
        if (fields.TryGetValue("media_url", out var media)
            && (media.Length > MaxMediaUrlLength || !Uri.TryCreate(media, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors["media_url"] = [$"An absolute http or https URL of at most {MaxMediaUrlLength} characters."];
        }

        return (fields, errors);
    }

    /// <summary>
    /// lat and long together, in WGS84. The hub places every case on its grid map and has no address registry, so an
    /// address_string or address_id alone cannot be placed and is refused with the reason, not taken without a point.
    /// </summary>
    private static void ReadLocation(Dictionary<string, string> fields, Dictionary<string, string[]> errors)
    {
        var hasLat = fields.TryGetValue("lat", out var lat);
        var hasLong = fields.TryGetValue("long", out var lon);
        if (!hasLat && !hasLong)
        {
            if (!errors.ContainsKey("lat") && !errors.ContainsKey("long"))
            {
                errors["lat"] = [fields.ContainsKey("address_string") || fields.ContainsKey("address_id")
                    ? "This jurisdiction places every request on its map: send lat and long (WGS84) with the address_string; an address alone cannot be located."
                    : "A location is required: lat and long (WGS84)."];
            }

            return;
        }

        if (!hasLat || !IsNumber(lat, 90))
        {
            errors["lat"] = ["Latitude in decimal degrees (WGS84), -90 to 90, sent with long."];
        }

        if (!hasLong || !IsNumber(lon, 180))
        {
            errors["long"] = ["Longitude in decimal degrees (WGS84), -180 to 180, sent with lat."];
        }
    }

    private static bool IsNumber(string? text, double bound) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
        && value >= -bound && value <= bound;

    private static double Number(Dictionary<string, string> fields, string name) =>
        double.Parse(fields[name], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
