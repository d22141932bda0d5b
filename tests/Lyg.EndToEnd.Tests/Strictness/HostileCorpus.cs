using System.Text;
using Lyg.Contracts;

namespace Lyg.EndToEnd.Tests.Strictness;

/// <summary>What a refused request must have left as it was.</summary>
internal enum Untouched
{
    /// <summary>A read-only endpoint or one that stores nothing.</summary>
    Nothing,

    /// <summary>No case stored and no workflow started.</summary>
    Cases,

    /// <summary>The target case's state, timeline, facts and requests.</summary>
    TargetCase,

    /// <summary>What the request tried to create (a unit, a calendar year) reads back as before: GET of its path.</summary>
    Resource,
}

/// <summary>How a request's body travels.</summary>
internal enum Framing
{
    /// <summary>HttpClient, with its Content-Length.</summary>
    Length,

    /// <summary>Chunked, with a chunk size that is not hex.</summary>
    MalformedChunk,

    /// <summary>A Content-Length longer than the bytes sent, then the connection closed: no answer can arrive.</summary>
    CutShort,

    /// <summary>A Content-Length longer than the bytes sent, then the connection reset: no answer can arrive.</summary>
    Dropped,

    /// <summary>Chunked, so the server learns the size only by reading.</summary>
    Chunked,
}

/// <summary>
/// One hostile request: the endpoint it attacks (catalogue name; an action as <c>ApplyCaseAction/register</c>), what it
/// sends, and what it must get: <see cref="Status"/> with a problem (null when no answer can arrive) and, for a
/// validation problem, the field its errors name.
/// </summary>
internal sealed record Hostile(
    string Endpoint, string Name, string Method, string Path, string? Role, byte[]? Body, Framing Framing, int? Status, string? Field, Untouched Untouched,
    string ContentType = "application/json");

/// <summary>
/// The hostile-input corpus: for every endpoint with a body, values of each field that its contract does not define
/// and bodies that are not one JSON object or are cut short; for every enum, number or date query parameter, values
/// outside what it takes. Built from tables, so a new endpoint needs only its rows.
/// </summary>
internal static class HostileCorpus
{
    public const string ApplyCaseAction = "ApplyCaseAction";
    public const string IssueDevToken = "IssueDevToken";

    /// <summary>
    /// Open311 GeoReport v2 endpoints: they answer the spec's error list, not problems, and take form bodies, so their
    /// hostile input is attacked in Open311/Open311Tests (bad fields, filters, dates, extensions, keys, bodies).
    /// </summary>
    public static readonly IReadOnlySet<string> SpeakingOpen311 = new HashSet<string>(StringComparer.Ordinal)
    {
        "Open311Discovery", "Open311Services", "Open311ServiceDefinition", "Open311PostRequest", "Open311ListRequests", "Open311GetRequest", "Open311GetToken",
    };

    /// <summary>Endpoints of the catalogue that take no body and no enum, number or date parameter.</summary>
    public static readonly IReadOnlySet<string> WithoutHostileInput = new HashSet<string>(StringComparer.Ordinal) { "Health", "GetCase", "GetUnit", "GetComponent", "MachinePing", "GetAttachment", "GetAttachmentThumbnail", "GetAttachmentMetadata", "GetInspector", "GetSensor", "GetAlert" };

    /// <summary>
    /// Signed endpoints with a body, whose hostile input (times in no form, charsets, field errors) their own tests send
    /// (Hotline12345/HotlineTests, Telemetry/TelemetryTests, Vehicles/VehicleTests, Video/VideoAlertTests): the corpus sends bearer tokens and cannot sign yet.
    /// </summary>
    public static readonly IReadOnlySet<string> SignedWithOwnHostileInput = new HashSet<string>(StringComparer.Ordinal)
    {
        "ReceiveHotlineWorkOrder", "ReceiveHotlineCallback", "PostTelemetry", "PostVehiclePositions", "PostVideoAlerts",
    };

    private const string Point = "\"location\":{\"lat\":34.5967,\"lon\":119.2215,\"crs\":\"wgs84\"}";

    // Built on first use, after every table below is initialised.
    private static readonly Lazy<IReadOnlyList<Hostile>> Corpus = new(Build);

    public static IReadOnlyList<Hostile> All => Corpus.Value;

    public static Hostile Find(string endpoint, string name) => All.Single(h => h.Endpoint == endpoint && h.Name == name);

    private sealed record BodyTarget(string Endpoint, string Method, string Path, string? Role, Untouched Untouched, params (string Field, string Template, IReadOnlyList<(string, string)> Values)[] Fields);

    private static BodyTarget Action(string action, string role, params (string, string, IReadOnlyList<(string, string)>)[] fields) =>
        new($"{ApplyCaseAction}/{action}", "POST", $"api/v1/cases/{{caseId}}/actions/{action}", role, Untouched.TargetCase, fields);

    private static IReadOnlyList<BodyTarget> BodyTargets() =>
    [
        new("SubmitReport", "POST", "api/v1/reports", Roles.Citizen, Untouched.Cases,
            ("location.crs", """{"description":"井盖缺失","location":{"lat":34.5967,"lon":119.2215,"crs":%v}}""", EnumValues<CoordinateSystem>()),
            ("location.lat", """{"description":"井盖缺失","location":{"lat":%v,"lon":119.2215,"crs":"wgs84"}}""", NumberValues),
            ("categoryKind", """{"description":"井盖缺失","categoryCode":"0101","categoryKind":%v,""" + Point + "}", EnumValues<CodeKind>()),
            ("description", """{"description":%v,""" + Point + "}", TextValues),
            ("attachmentIds", """{"description":"井盖缺失","attachmentIds":%v,""" + Point + "}", TextListValues)),
        Action(CaseActionNames.Register, Roles.Operator,
            ("urgency", """{"categoryCode":"0101","urgency":%v}""", EnumValues<Urgency>()),
            ("categoryKind", """{"categoryCode":"0101","urgency":"normal","categoryKind":%v}""", EnumValues<CodeKind>()),
            ("categoryCode", """{"categoryCode":%v,"urgency":"normal"}""", TextValues)),
        Action(CaseActionNames.Void, Roles.Operator, ("reason", """{"reason":%v}""", TextValues)),
        Action(CaseActionNames.Dispatch, Roles.Dispatcher,
            ("unitCode", """{"unitCode":%v}""", TextValues),
            ("instructions", """{"unitCode":"DEPT-CGJ","instructions":%v}""", TextValues)),
        Action(CaseActionNames.Accept, Roles.Unit, ("note", """{"note":%v}""", TextValues)),
        Action(CaseActionNames.Return, Roles.Unit, ("reason", """{"reason":%v}""", TextValues)),
        Action(CaseActionNames.Complete, Roles.Unit,
            ("result", """{"result":%v}""", TextValues),
            ("attachmentIds", """{"result":"已修复","attachmentIds":%v}""", TextListValues)),
        Action(CaseActionNames.Check, Roles.Inspector,
            ("passed", """{"passed":%v,"remarks":"未修复"}""", BooleanValues),
            ("attachmentIds", """{"passed":true,"attachmentIds":%v}""", TextListValues)),
        Action(CaseActionNames.RequestPostponement, Roles.Unit, ("extraWorkingDays", """{"extraWorkingDays":%v,"reason":"材料未到"}""", IntegerValues)),
        Action(CaseActionNames.DecidePostponement, Roles.Dispatcher, ("approved", """{"approved":%v}""", BooleanValues)),
        Action(CaseActionNames.RequestSuspension, Roles.Unit, ("reason", """{"reason":%v}""", TextValues)),
        Action(CaseActionNames.DecideSuspension, Roles.ShiftLead, ("approved", """{"approved":%v}""", BooleanValues)),
        Action(CaseActionNames.Resume, Roles.ShiftLead, ("note", """{"note":%v}""", TextValues)),
        Action(CaseActionNames.Rate, Roles.Citizen,
            ("satisfaction", """{"satisfaction":%v}""", EnumValues<Satisfaction>()),
            ("comment", """{"satisfaction":"satisfied","comment":%v}""", TextValues)),
        Action(CaseActionNames.AcknowledgeSlip, Roles.Unit, ("slipId", """{"slipId":%v}""", TextValues)),
        Action(CaseActionNames.AssignInspector, Roles.Operator,
            ("inspectorId", """{"inspectorId":%v}""", TextValues),
            ("note", """{"note":%v}""", TextValues)),
        Action(CaseActionNames.Verify, Roles.Inspector,
            ("confirmed", """{"confirmed":%v,"remarks":"不属实"}""", BooleanValues),
            ("remarks", """{"confirmed":false,"remarks":%v}""", TextValues)),
        new("CompleteInspectionTask", "POST", "api/v1/inspector/tasks/LYG-20261126-000001-v01/complete", Roles.Inspector, Untouched.Nothing,
            ("confirmed", """{"confirmed":%v}""", BooleanValues),
            ("passed", """{"passed":%v}""", BooleanValues),
            ("remarks", """{"passed":false,"remarks":%v}""", TextValues),
            ("attachmentIds", """{"passed":true,"attachmentIds":%v}""", [("text", "\"x\""), ("a number entry", "[1]")])),
        new("UpsertInspector", "PUT", "api/v1/inspectors/{unitCode}", Roles.Admin, Untouched.Resource,
            ("name", """{"name":%v,"patrolAreas":["320706001001"]}""", TextValues),
            ("patrolAreas", """{"name":"测试监督员","patrolAreas":%v}""", TextListValues),
            ("active", """{"name":"测试监督员","patrolAreas":["320706001001"],"active":%v}""", BooleanValues)),
        Action(CaseActionNames.Merge, Roles.Operator,
            ("intoCaseId", """{"intoCaseId":%v}""", TextValues),
            ("remarks", """{"intoCaseId":"LYG-20261201-000001","remarks":%v}""", TextValues)),
        new("UpsertUnit", "PUT", "api/v1/units/{unitCode}", Roles.Admin, Untouched.Resource,
            ("kind", """{"name":"测试单位","kind":%v}""", EnumValues<UnitKind>()),
            ("active", """{"name":"测试单位","kind":"department","active":%v}""", BooleanValues),
            ("serviceArea.places", """{"name":"测试单位","kind":"department","serviceArea":{"places":%v,"categories":["*"]}}""", TextListValues)),
        new("PutCalendarYear", "PUT", CalendarYearPath, Roles.Admin, Untouched.Resource,
            ("holidays", """{"holidays":%v,"makeUpWorkingDays":[]}""", TextListValues),
            ("makeUpWorkingDays", """{"holidays":["2031-01-01"],"makeUpWorkingDays":%v}""", TextListValues)),
        new(IssueDevToken, "POST", "api/dev/tokens", null, Untouched.Nothing,
            ("roles", """{"subject":"hostile","roles":%v}""", TextListValues),
            ("subject", """{"subject":%v,"roles":["citizen"]}""", TextValues)),
    ];

    /// <summary>A year no other test loads, so its absence proves a refused PUT wrote nothing.</summary>
    private const string CalendarYearPath = "api/v1/calendar/2031";

    /// <summary>Years in the route that are not four digits of the range: the same 400 naming <c>year</c> on GET and PUT.</summary>
    private static readonly IReadOnlyList<(string, string)> BadYears =
    [
        ("too small", "1999"), ("too large", "2100"), ("five digits", "02031"), ("negative", "-2031"), ("fractional", "2031.5"),
        ("a word", "next"), ("full-width digits", Uri.EscapeDataString("２０３１")), ("padded", Uri.EscapeDataString(" 2031")),
    ];

    /// <summary>Message ids in the route that are not {caseId}.{sequence}.{kind}.{destination}: a 400 naming <c>messageId</c>.</summary>
    /// <summary>Ids that name no alert: a malformed one is answered as an unknown one, so ids cannot be probed.</summary>
    private static readonly IReadOnlyList<(string, string)> BadAlertIds =
    [
        ("a word", "nonsense"), ("upper-case hex", "AL20261201000000FFFFFFFF"), ("too short", "AL2026120100000"), ("too long", "AL20261201000000ffffffff0"),
        ("an encoded slash", "AL2026120100%2F000ffffffff"),
    ];

    private static readonly IReadOnlyList<(string, string)> BadMessageIds =
    [
        ("a word", "nonsense"), ("without a destination", "LYG-20261126-000001.00001.case-event"), ("a short sequence", "LYG-20261126-000001.1.case-event.dashboard"),
        ("an upper-case destination", "LYG-20261126-000001.00001.case-event.Dashboard"), ("an empty kind", "LYG-20261126-000001.00001..dashboard"),
    ];

    private sealed record QueryTarget(string Endpoint, string Path, string Role, params (string Parameter, IReadOnlyList<(string, string)> Values, int Status)[] Parameters);

    private static IReadOnlyList<QueryTarget> QueryTargets() =>
    [
        new("ListCases", "api/v1/cases?", Roles.Operator,
            ("state", QueryEnumValues<CaseState>("state"), 400), ("source", QueryEnumValues<CaseSource>("source"), 400),
            ("from", CalendarEnds, 200), ("to", CalendarEnds, 200), ("from", BadInstants, 400), ("to", BadInstants, 400)),
        new("ListSlips", "api/v1/slips?", Roles.Supervisor, ("kind", QueryEnumValues<SlipKind>("kind"), 400)),
        new("ListOutboxMessages", "api/v1/outbox/messages?", Roles.Admin,
            ("state", QueryEnumValues<OutboxMessageState>("state"), 400), ("limit", [("zero", "0"), ("beyond int", "99999999999"), ("fractional", "2.5")], 400)),
        new("ListUnits", "api/v1/units?", Roles.Operator, ("kind", QueryEnumValues<UnitKind>("kind"), 400)),
        new("ListSensors", "api/v1/monitoring/sensors?", Roles.Operator, ("limit", [("zero", "0"), ("beyond int", "99999999999"), ("fractional", "2.5")], 400)),
        new("ListAdvertisements", "api/v1/monitoring/advertisements?", Roles.Operator,
            ("permit", QueryEnumValues<PermitStanding>("permit"), 400), ("limit", [("zero", "0"), ("beyond int", "99999999999"), ("fractional", "2.5")], 400)),
        new("ListInspectorTasks", "api/v1/inspector/tasks?lon=119.2215&", Roles.Inspector,
            ("crs", [.. QueryEnumValues<CoordinateSystem>("crs").Select(v => (v.Item1, v.Item2 + "&lat=34.5967"))], 400),
            ("lat", QueryNumberValues, 400)),
        new("ListCodes", "api/v1/codes?scheme=gb2013&", Roles.Operator, ("kind", QueryEnumValues<CodeKind>("kind"), 400)),
        new("Locate", "api/v1/geo/locate?lon=119.2215&", Roles.Operator,
            ("crs", [.. QueryEnumValues<CoordinateSystem>("crs").Select(v => (v.Item1, v.Item2 + "&lat=34.5967"))], 400),
            ("lat", [.. QueryNumberValues.Select(v => (v.Item1, v.Item2 + "&crs=wgs84"))], 400)),
        new("FindNearestComponents", "api/v1/components/nearest?lat=34.5967&lon=119.2215&", Roles.Operator,
            ("crs", QueryEnumValues<CoordinateSystem>("crs"), 400),
            ("radius", [.. QueryNumberValues.Select(v => (v.Item1, v.Item2 + "&crs=wgs84"))], 400),
            ("limit", [("beyond int", "99999999999&crs=wgs84"), ("fractional", "2.5&crs=wgs84")], 400)),
        new("ListAlerts", "api/v1/monitoring/alerts?", Roles.Operator,
            ("level", QueryEnumValues<WarningLevel>("level"), 400), ("state", QueryEnumValues<AlertState>("state"), 400),
            ("subject", QueryEnumValues<AlertSubject>("subject"), 400), ("from", BadInstants, 400),
            ("limit", [("zero", "0"), ("beyond int", "99999999999"), ("fractional", "2.5")], 400)),
        new("ListVehiclePositions", "api/v1/monitoring/vehicles?", Roles.Operator, ("kind", QueryEnumValues<VehicleKind>("kind"), 400)),
        new("GetVehicleTrack", "api/v1/monitoring/vehicles/HW-0001/track?to=2026-12-01T01:00:00Z&", Roles.Operator,
            ("from", BadInstants, 400),
            ("limit", [("beyond int", "99999999999&from=2026-12-01T00:00:00Z"), ("fractional", "2.5&from=2026-12-01T00:00:00Z")], 400)),
    ];

    private static IReadOnlyList<(string, string)> EnumValues<T>()
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(v => WireNames.Of(v)!).ToList();
        return
        [
            ("a number", "1"), ("an undefined number", "99"), ("a numeric string", "\"1\""), ("joined names", $"\"{names[0]}, {names[^1]}\""),
            ("names joined without a space", $"\"{names[0]},{names[^1]}\""), ("another case", $"\"{names[0].ToUpperInvariant()}\""),
            ("an unknown name", "\"nonsense\""),
        ];
    }

    private static IReadOnlyList<(string, string)> QueryEnumValues<T>(string parameter)
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(v => WireNames.Of(v)!).ToList();
        return
        [
            ("a number", "1"), ("an undefined number", "99"), ("joined names", Uri.EscapeDataString($"{names[0]},{names[^1]}")),
            ("repeated", $"{names[0]}&{parameter}={names[^1]}"), ("another case", names[0].ToUpperInvariant()),
            ("padded", Uri.EscapeDataString(" " + names[0])), ("an unknown name", "nonsense"),
        ];
    }

    private static readonly IReadOnlyList<(string, string)> NumberValues = [("beyond double", "1e400"), ("NaN as text", "\"NaN\""), ("text", "\"north\"")];

    private static readonly IReadOnlyList<(string, string)> IntegerValues =
        [("beyond double", "1e400"), ("beyond int", "99999999999"), ("fractional", "2.5"), ("beyond double as text", "\"1e400\""), ("below range", "-1")];

    private static readonly IReadOnlyList<(string, string)> BooleanValues = [("text", "\"yes\""), ("a number", "1")];

    private static readonly IReadOnlyList<(string, string)> TextValues = [("a number", "42"), ("an object", "{}"), ("an array", "[\"x\"]")];

    private static readonly IReadOnlyList<(string, string)> TextListValues = [("text", "\"x\""), ("a null entry", "[null]"), ("a number entry", "[1]")];

    private static readonly IReadOnlyList<(string, string)> QueryNumberValues = [("beyond double", "1e400"), ("NaN", "NaN"), ("infinity", "Infinity"), ("hex", "0x10")];

    /// <summary>The calendar's ends are taken ("since ever", "until forever") and answer a list.</summary>
    private static readonly IReadOnlyList<(string, string)> CalendarEnds =
        [("the first instant", "0001-01-01T00:00:00Z"), ("the last instant", Uri.EscapeDataString("9999-12-31T23:59:59.9999999+00:00"))];

    private static readonly IReadOnlyList<(string, string)> BadInstants =
        [("beyond the calendar in UTC", Uri.EscapeDataString("9999-12-31T23:59:59-08:00")), ("no such day", "2026-02-30T00:00:00Z"), ("a word", "tomorrow")];

    /// <summary>Bodies every endpoint with a body must refuse as malformed, whatever its contract.</summary>
    private static IEnumerable<(string Name, byte[] Body, Framing Framing, int? Status)> BrokenBodies()
    {
        yield return ("a JSON null", "null"u8.ToArray(), Framing.Length, 400);
        yield return ("a JSON array", "[{}]"u8.ToArray(), Framing.Length, 400);
        yield return ("a JSON string", "\"x\""u8.ToArray(), Framing.Length, 400);
        yield return ("JSON nested 200 deep", Encoding.UTF8.GetBytes("{\"x\":" + new string('[', 200) + new string(']', 200) + "}"), Framing.Length, 400);
        yield return ("invalid UTF-8", [.. "{\"x\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8], Framing.Length, 400);
        yield return ("JSON cut short", "{\"x\":\"y"u8.ToArray(), Framing.Length, 400);
        yield return ("two JSON values", "{} {}"u8.ToArray(), Framing.Length, 400);
        yield return ("a malformed chunk", "{\"x\":\"y\"}"u8.ToArray(), Framing.MalformedChunk, 400);
        yield return ("a Content-Length longer than the body, then closed", "{\"x\":\"y\"}"u8.ToArray(), Framing.CutShort, null);
        yield return ("a Content-Length longer than the body, then reset", "{\"x\":\"y\"}"u8.ToArray(), Framing.Dropped, null);
        yield return ("over 64 KiB chunked", Encoding.UTF8.GetBytes("{\"x\":\"" + new string('x', 70_000) + "\"}"), Framing.Chunked, 413);
    }

    /// <summary>Photo uploads: bytes that are no whole photo whatever their label says, and bodies that never arrive whole.</summary>
    private static IEnumerable<Hostile> UploadBodies()
    {
        var jpeg = Lyg.Testing.TestPhotos.Create(Lyg.Testing.TestPhotos.Format.Jpeg, 200, 150);
        var truncated = jpeg[..(jpeg.Length / 2)];
        Hostile Upload(string name, byte[] body, Framing framing, int? status, string? field, string contentType = "image/jpeg") =>
            new("UploadAttachment", name, "POST", "api/v1/attachments", Roles.Citizen, body, framing, status, field, Untouched.Nothing, contentType);

        yield return Upload("a PDF labelled image/jpeg", Lyg.Testing.TestPhotos.Pdf(), Framing.Length, 415, null);
        yield return Upload("an empty body", [], Framing.Length, 400, "body");
        yield return Upload("a JPEG cut short", truncated, Framing.Length, 400, "body");
        yield return Upload("a photo labelled application/json", jpeg, Framing.Length, 415, null, "application/json");
        yield return Upload("a multipart body without a boundary", jpeg, Framing.Length, 400, null, "multipart/form-data");
        yield return Upload("a multipart body that never closes", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nxx"u8.ToArray(), Framing.Length, 400, null, "multipart/form-data; boundary=b");
        yield return Upload("a JPEG cut short, chunked", truncated, Framing.Chunked, 400, null);
        yield return Upload("a malformed chunk", jpeg, Framing.MalformedChunk, 400, null);
        yield return Upload("a Content-Length longer than the body, then closed", jpeg, Framing.CutShort, null, null);
        yield return Upload("a Content-Length longer than the body, then reset", jpeg, Framing.Dropped, null, null);
    }

    private static List<Hostile> Build()
    {
        var corpus = new List<Hostile>(UploadBodies());
        foreach (var target in BodyTargets())
        {
            foreach (var (field, template, values) in target.Fields)
            {
                foreach (var (what, json) in values)
                {
                    corpus.Add(new(
                        target.Endpoint, $"{field} as {what}", target.Method, target.Path, target.Role,
                        Encoding.UTF8.GetBytes(template.Replace("%v", json, StringComparison.Ordinal)), Framing.Length, 400, field, target.Untouched));
                }
            }

            foreach (var (name, body, framing, status) in BrokenBodies())
            {
                corpus.Add(new(target.Endpoint, name, target.Method, target.Path, target.Role, body, framing, status, null, target.Untouched));
            }
        }

        foreach (var (what, year) in BadYears)
        {
            corpus.Add(new("GetCalendarYear", $"year as {what}", "GET", $"api/v1/calendar/{year}", Roles.Operator, null, Framing.Length, 400, "year", Untouched.Nothing));
            corpus.Add(new(
                "PutCalendarYear", $"year as {what}", "PUT", $"api/v1/calendar/{year}", Roles.Admin, """{"holidays":[],"makeUpWorkingDays":[]}"""u8.ToArray(),
                Framing.Length, 400, "year", Untouched.Nothing));
        }

        foreach (var (what, id) in BadMessageIds)
        {
            corpus.Add(new(
                "RedeliverOutboxMessage", $"messageId as {what}", "POST", $"api/v1/outbox/messages/{id}/redeliver", Roles.Admin, null, Framing.Length, 400, "messageId",
                Untouched.Nothing));
        }

        foreach (var (what, id) in BadAlertIds)
        {
            corpus.Add(new(
                "AcknowledgeAlert", $"alertId as {what}", "POST", $"api/v1/monitoring/alerts/{id}/acknowledge", Roles.Operator, null, Framing.Length, 404, null,
                Untouched.Nothing));
        }

        foreach (var target in QueryTargets())
        {
            foreach (var (parameter, values, status) in target.Parameters)
            {
                foreach (var (what, value) in values)
                {
                    corpus.Add(new(
                        target.Endpoint, $"{parameter} as {what}", "GET", $"{target.Path}{parameter}={value}", target.Role, null, Framing.Length,
                        status, status == 400 ? parameter : null, Untouched.Nothing));
                }
            }
        }

        return corpus;
    }
}
