using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Xml;

namespace Lyg.Hub.Features.Open311;

/// <summary>One service (a category of the code scheme) as GET services lists it.</summary>
public sealed record Open311Service(
    string ServiceCode, string ServiceName, string Description, bool Metadata, string Type, string Keywords, string Group);

/// <summary>The spec's service definition; this hub's services ask for no attributes, so the list is empty.</summary>
public sealed record Open311ServiceDefinition(string ServiceCode, IReadOnlyList<Open311Field> Attributes);

/// <summary>An attribute of a service definition (the spec's word), as the spec defines it; none is served today.</summary>
public sealed record Open311Field(
    bool Variable, string Code, string Datatype, bool Required, string? DatatypeDescription, int Order, string Description,
    IReadOnlyList<Open311AttributeValue> Values);

public sealed record Open311AttributeValue(string Key, string Name);

/// <summary>The answer to POST requests: the id at once (every service is realtime); no token, no account.</summary>
public sealed record Open311Created(string ServiceRequestId, string? ServiceNotice, string? AccountId);

/// <summary>The answer to GET tokens: the request a token stands for.</summary>
public sealed record Open311Token(string ServiceRequestId, string Token);

/// <summary>A service request as GET requests shows it; dates are W3C date-times in China Standard Time.</summary>
public sealed record Open311Request(
    string ServiceRequestId,
    string Status,
    string? StatusNotes,
    string? ServiceName,
    string? ServiceCode,
    string? Description,
    string? AgencyResponsible,
    string? ServiceNotice,
    string RequestedDatetime,
    string UpdatedDatetime,
    string? ExpectedDatetime,
    string? Address,
    string? AddressId,
    string? Zipcode,
    double Lat,
    [property: JsonPropertyName("long")] double Longitude,
    string? MediaUrl);

/// <summary>One entry of the spec's error list.</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>The service discovery document.</summary>
public sealed record Open311Discovery(string Changeset, string Contact, string KeyService, IReadOnlyList<Open311Endpoint> Endpoints);

public sealed record Open311Endpoint(string Specification, string Url, string Changeset, string Type, IReadOnlyList<string> Formats);

/// <summary>The spec's JSON: snake_case names, nulls written (its examples show them), arrays at the root.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IReadOnlyList<Open311Service>))]
[JsonSerializable(typeof(Open311ServiceDefinition))]
[JsonSerializable(typeof(IReadOnlyList<Open311Created>))]
[JsonSerializable(typeof(IReadOnlyList<Open311Token>))]
[JsonSerializable(typeof(IReadOnlyList<Open311Request>))]
[JsonSerializable(typeof(IReadOnlyList<Open311Error>))]
[JsonSerializable(typeof(Open311Discovery))]
public sealed partial class Open311JsonContext : JsonSerializerContext
{
    // Built on first use, as LygJsonContext.Wire is: the generated half's Default may not be set in a static initializer.
    private static Open311JsonContext? _wire;

    /// <summary>The documents as answers write them: Chinese text as text, not \u escapes (UTF-8 is the spec's rule).</summary>
    public static Open311JsonContext Wire => _wire ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) });
}

/// <summary>
/// The spec's XML, element for element: schemaless, no namespace, a null as an empty element (as in its examples),
/// booleans as <c>true</c>/<c>false</c>, numbers in invariant culture.
/// </summary>
public static class Open311Xml
{
    public static void Services(XmlWriter xml, IReadOnlyList<Open311Service> services)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(services);
        xml.WriteStartElement("services");
        foreach (var s in services)
        {
            xml.WriteStartElement("service");
            Element(xml, "service_code", s.ServiceCode);
            Element(xml, "service_name", s.ServiceName);
            Element(xml, "description", s.Description);
            Element(xml, "metadata", s.Metadata);
            Element(xml, "type", s.Type);
            Element(xml, "keywords", s.Keywords);
            Element(xml, "group", s.Group);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    public static void Definition(XmlWriter xml, Open311ServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(definition);
        xml.WriteStartElement("service_definition");
        Element(xml, "service_code", definition.ServiceCode);
        xml.WriteStartElement("attributes");
        foreach (var a in definition.Attributes)
        {
            xml.WriteStartElement("attribute");
            Element(xml, "variable", a.Variable);
            Element(xml, "code", a.Code);
            Element(xml, "datatype", a.Datatype);
            Element(xml, "required", a.Required);
            Element(xml, "datatype_description", a.DatatypeDescription);
            Element(xml, "order", a.Order.ToString(CultureInfo.InvariantCulture));
            Element(xml, "description", a.Description);
            xml.WriteStartElement("values");
            foreach (var v in a.Values)
            {
                xml.WriteStartElement("value");
                Element(xml, "key", v.Key);
                Element(xml, "name", v.Name);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    public static void Created(XmlWriter xml, IReadOnlyList<Open311Created> created) =>
        ServiceRequests(xml, created, (w, c) =>
        {
            Element(w, "service_request_id", c.ServiceRequestId);
            Element(w, "service_notice", c.ServiceNotice);
            Element(w, "account_id", c.AccountId);
        });

    public static void Tokens(XmlWriter xml, IReadOnlyList<Open311Token> tokens) =>
        ServiceRequests(xml, tokens, (w, t) =>
        {
            Element(w, "service_request_id", t.ServiceRequestId);
            Element(w, "token", t.Token);
        });

    public static void Requests(XmlWriter xml, IReadOnlyList<Open311Request> requests) =>
        ServiceRequests(xml, requests, (w, r) =>
        {
            Element(w, "service_request_id", r.ServiceRequestId);
            Element(w, "status", r.Status);
            Element(w, "status_notes", r.StatusNotes);
            Element(w, "service_name", r.ServiceName);
            Element(w, "service_code", r.ServiceCode);
            Element(w, "description", r.Description);
            Element(w, "agency_responsible", r.AgencyResponsible);
            Element(w, "service_notice", r.ServiceNotice);
            Element(w, "requested_datetime", r.RequestedDatetime);
            Element(w, "updated_datetime", r.UpdatedDatetime);
            Element(w, "expected_datetime", r.ExpectedDatetime);
            Element(w, "address", r.Address);
            Element(w, "address_id", r.AddressId);
            Element(w, "zipcode", r.Zipcode);
            Element(w, "lat", r.Lat.ToString("R", CultureInfo.InvariantCulture));
            Element(w, "long", r.Longitude.ToString("R", CultureInfo.InvariantCulture));
            Element(w, "media_url", r.MediaUrl);
        });

    public static void Errors(XmlWriter xml, IReadOnlyList<Open311Error> errors)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(errors);
        xml.WriteStartElement("errors");
        foreach (var e in errors)
        {
            xml.WriteStartElement("error");
            Element(xml, "code", e.Code.ToString(CultureInfo.InvariantCulture));
            Element(xml, "description", e.Description);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    public static void Discovery(XmlWriter xml, Open311Discovery discovery)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(discovery);
        xml.WriteStartElement("discovery");
        Element(xml, "changeset", discovery.Changeset);
        Element(xml, "contact", discovery.Contact);
        Element(xml, "key_service", discovery.KeyService);
        xml.WriteStartElement("endpoints");
        foreach (var e in discovery.Endpoints)
        {
            xml.WriteStartElement("endpoint");
            Element(xml, "specification", e.Specification);
            Element(xml, "url", e.Url);
            Element(xml, "changeset", e.Changeset);
            Element(xml, "type", e.Type);
            xml.WriteStartElement("formats");
            foreach (var f in e.Formats)
            {
                Element(xml, "format", f);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void ServiceRequests<T>(XmlWriter xml, IReadOnlyList<T> items, Action<XmlWriter, T> writeRequest)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(items);
        xml.WriteStartElement("service_requests");
        foreach (var item in items)
        {
            xml.WriteStartElement("request");
            writeRequest(xml, item);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string name, bool value) => xml.WriteElementString(name, value ? "true" : "false");

    private static void Element(XmlWriter xml, string name, string? value) => xml.WriteElementString(name, XmlText(value));

    /// <summary>
    /// The text without the characters XML 1.0 cannot carry (most C0 controls): a description may hold them, and an
    /// XmlWriter would throw halfway through the answer. JSON keeps them, escaped.
    /// </summary>
    public static string XmlText(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (XmlConvert.IsXmlChar(value[i]))
            {
                text.Append(value[i]);
            }
            else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                text.Append(value, i, 2);
                i++;
            }
        }

        return text.ToString();
    }
}
