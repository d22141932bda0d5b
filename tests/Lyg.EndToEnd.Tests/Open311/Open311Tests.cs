using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Open311;

/// <summary>
/// Open311 GeoReport v2 over real HTTP against the standalone host on Azurite, as the sample client dev-open311:
/// filing form-encoded and reading back in JSON and XML, in the shape of the spec's own examples; every filter and the
/// 90-day rule; the api_key; unknown services, extensions and bad fields, each answered in the spec's error list.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class Open311Tests(HubFixture hub)
{
    private const string ApiKey = "dev-open311-sample-api-key";
    private const string Base = "api/open311/v2/";

    [Fact]
    public async Task A_report_filed_form_encoded_reads_back_in_json_and_xml_without_the_submitters_personal_data()
    {
        using var filed = await PostAsync("requests.json", new()
        {
            ["api_key"] = ApiKey, ["jurisdiction_id"] = "lyg.gov.cn", ["service_code"] = "component-0101", ["lat"] = "34.5967", ["long"] = "119.2215",
            ["address_string"] = "朝阳东路 18 号", ["description"] = "供水井盖缺失，夜间危险", ["email"] = "zhang.san@example.cn", ["first_name"] = "三",
            ["last_name"] = "张", ["phone"] = "13800138000", ["device_id"] = "device-42", ["account_id"] = "acct-7", ["media_url"] = "https://img.example.cn/well.jpg",
        });

        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        Assert.Equal("application/json", filed.Content.Headers.ContentType?.MediaType);
        var answer = await filed.Content.ReadAsStringAsync();
        Assert.Equal(Shape(Open311SpecExamples.CreatedJson), JsonShape(answer));
        var id = JsonDocument.Parse(answer).RootElement[0].GetProperty("service_request_id").GetString()!;
        Assert.Matches("^LYG-[0-9]{8}-[0-9]{6}$", id);

        var json = await GetJsonAsync($"requests/{id}.json?api_key={ApiKey}");
        var xml = await GetXmlAsync($"requests/{id}.xml?api_key={ApiKey}");

        Assert.Equal(Shape(Open311SpecExamples.RequestJson), Open311SpecExamples.JsonShape(json).Order(StringComparer.Ordinal));
        Assert.Equal(XmlShape(Open311SpecExamples.RequestXml), XmlShape(xml.ToString()));
        var request = Assert.Single(json.EnumerateArray());
        Assert.Equal(
            (id, "open", "component-0101", "供水井盖", "供水井盖缺失，夜间危险", "朝阳东路 18 号", 34.5967, 119.2215, "https://img.example.cn/well.jpg"),
            (request.GetProperty("service_request_id").GetString(), request.GetProperty("status").GetString(), request.GetProperty("service_code").GetString(),
             request.GetProperty("service_name").GetString(), request.GetProperty("description").GetString(), request.GetProperty("address").GetString(),
             request.GetProperty("lat").GetDouble(), request.GetProperty("long").GetDouble(), request.GetProperty("media_url").GetString()));
        Assert.EndsWith("+08:00", request.GetProperty("requested_datetime").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("+08:00", request.GetProperty("expected_datetime").GetString(), StringComparison.Ordinal);
        Assert.Equal("已受理，等待立案。", request.GetProperty("status_notes").GetString());
        var element = xml.Root!.Element("request")!;
        Assert.Equal((id, "open", "34.5967", "119.2215"), (element.Element("service_request_id")!.Value, element.Element("status")!.Value, element.Element("lat")!.Value, element.Element("long")!.Value));
        Assert.Equal(request.GetProperty("requested_datetime").GetString(), element.Element("requested_datetime")!.Value);

        foreach (var personal in new[] { "zhang.san@example.cn", "13800138000", "device-42", "acct-7" })
        {
            Assert.DoesNotContain(personal, answer + json + xml, StringComparison.Ordinal);
        }

        // Staff see the case as every other: from the open311 channel, reported by the client, the media kept as a link.
        var staff = await hub.Host.ClientForAsync("operator-open311", Roles.Operator);
        var stored = await staff.GetCaseAsync(id);
        Assert.Equal((CaseSource.Open311, "0101", CaseState.Reported), (stored.Source, stored.CategoryCode, stored.State));
        Assert.Equal(Roles.Open311, Assert.Single(stored.Timeline).Role);
    }

    [Fact]
    public async Task A_third_party_client_sending_only_the_required_fields_and_one_sending_the_specs_example_body_are_both_taken()
    {
        using var minimal = await PostAsync("requests.xml", new() { ["api_key"] = ApiKey, ["service_code"] = "event-0101", ["lat"] = "34.6", ["long"] = "119.2" });
        var specBody = Open311SpecExamples.PostBody.Replace("api_key=xyz", "api_key=" + ApiKey, StringComparison.Ordinal)
            .Replace("service_code=001", "service_code=component-0102", StringComparison.Ordinal);
        using var example = await hub.Host.Anonymous.PostAsync(Base + "requests.xml", new StringContent(specBody, Encoding.UTF8, "application/x-www-form-urlencoded"));

        foreach (var response in new[] { minimal, example })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
            var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(XmlShape(Open311SpecExamples.CreatedXml), XmlShape(document.ToString()));
        }

        // Without a description the case is described by its service; the spec's point in San Francisco lies in no grid and is taken.
        var minimalId = XDocument.Parse(await minimal.Content.ReadAsStringAsync()).Root!.Element("request")!.Element("service_request_id")!.Value;
        var request = (await GetJsonAsync($"requests/{minimalId}.json?api_key={ApiKey}"))[0];
        Assert.Equal(request.GetProperty("service_name").GetString(), request.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Discovery_services_and_definitions_are_public_in_the_specs_shape_and_an_unknown_service_is_404()
    {
        var discovery = await GetJsonAsync("discovery.json");
        var services = await GetJsonAsync("services.json?jurisdiction_id=lyg.gov.cn");
        var servicesXml = await GetXmlAsync("services.xml");
        var definition = await GetJsonAsync("services/event-0101.json");
        using var unknown = await hub.Host.Anonymous.GetAsync(Base + "services/event-9999.json");
        using var unknownXml = await hub.Host.Anonymous.GetAsync(Base + "services/0101.xml");

        Assert.Equal(Shape(Open311SpecExamples.DiscoveryJson), Open311SpecExamples.JsonShape(discovery).Order(StringComparer.Ordinal));
        Assert.EndsWith("/api/open311/v2", discovery.GetProperty("endpoints")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(XmlShape(Open311SpecExamples.ServicesXml), XmlShape(servicesXml.ToString()));
        var manhole = services.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "component-0101");
        Assert.Equal(("供水井盖", "公用设施", false, "realtime"), (manhole.GetProperty("service_name").GetString(), manhole.GetProperty("group").GetString(), manhole.GetProperty("metadata").GetBoolean(), manhole.GetProperty("type").GetString()));
        Assert.Contains(services.EnumerateArray(), s => s.GetProperty("service_code").GetString() == "event-0101");
        Assert.Equal("""{"service_code":"event-0101","attributes":[]}""", definition.GetRawText());
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "event-9999");
        await AssertErrorAsync(unknownXml, HttpStatusCode.NotFound, "0101");
    }

    [Fact]
    public async Task Every_filter_of_get_requests_narrows_the_list()
    {
        var a = await FileServiceAsync("component-0104");
        var b = await FileServiceAsync("component-0105");
        var c = await FileServiceAsync("component-0104");
        var staff = await hub.Host.ClientForAsync("operator-open311-filters", Roles.Operator);
        using (var voided = await staff.ActAsync(c, "void", """{"reason":"重复上报"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, voided.StatusCode);
        }

        var now = DateTimeOffset.UtcNow;
        string At(TimeSpan offset) => Uri.EscapeDataString((now + offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

        Assert.Equal([a, b], await IdsAsync($"service_request_id={a},{b}"));
        Assert.Equal([a, b], await IdsAsync($"service_request_id={a}&service_request_id={b}&status=closed"));
        Assert.Equal([a, c], (await IdsAsync("service_code=component-0104")).Intersect([a, b, c]));
        Assert.Equal([a, b, c], (await IdsAsync("service_code=component-0104,component-0105")).Intersect([a, b, c]));
        Assert.Equal([c], (await IdsAsync("service_code=component-0104&status=closed")).Intersect([a, b, c]));
        Assert.Equal([a], (await IdsAsync("service_code=component-0104&status=open")).Intersect([a, b, c]));
        Assert.Equal([a, c], (await IdsAsync("service_code=component-0104&status=open,closed")).Intersect([a, b, c]));
        Assert.Equal([a, b, c], (await IdsAsync($"start_date={At(TimeSpan.FromHours(-1))}&end_date={At(TimeSpan.FromHours(1))}")).Intersect([a, b, c]));
        Assert.Empty((await IdsAsync($"start_date={At(TimeSpan.FromHours(1))}&end_date={At(TimeSpan.FromHours(2))}")).Intersect([a, b, c]));
        Assert.Equal([a, b, c], (await IdsAsync($"start_date={At(TimeSpan.FromHours(-1))}")).Intersect([a, b, c]));
        Assert.Equal([a, b, c], (await IdsAsync($"end_date={At(TimeSpan.FromHours(1))}")).Intersect([a, b, c]));
        Assert.Equal([a, b, c], (await IdsAsync("")).Intersect([a, b, c]));
        Assert.Empty((await IdsAsync($"end_date={At(TimeSpan.FromDays(-1))}")).Intersect([a, b, c]));

        var closed = (await GetJsonAsync($"requests/{c}.json?api_key={ApiKey}"))[0];
        Assert.Equal(("closed", "不予受理。重复上报"), (closed.GetProperty("status").GetString(), closed.GetProperty("status_notes").GetString()));
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("expected_datetime").ValueKind);
    }

    [Theory]
    [InlineData("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "end_date")]
    [InlineData("start_date=2026-11-01T00:00:00Z&end_date=2026-10-01T00:00:00Z", "end_date")]
    [InlineData("start_date=2026-11-01T00:00:00", "start_date")]
    [InlineData("start_date=2026-11-01", "start_date")]
    [InlineData("end_date=yesterday", "end_date")]
    [InlineData("start_date=2026-02-30T00:00:00Z", "start_date")]
    [InlineData("status=pending", "status")]
    [InlineData("status=OPEN", "status")]
    [InlineData("service_code=event-9999", "service_code")]
    public async Task A_bad_filter_and_a_range_beyond_90_days_are_400_in_the_specs_error_list(string query, string field)
    {
        using var json = await hub.Host.Anonymous.GetAsync($"{Base}requests.json?api_key={ApiKey}&{query}");
        using var xml = await hub.Host.Anonymous.GetAsync($"{Base}requests.xml?api_key={ApiKey}&{query}");

        await AssertErrorAsync(json, HttpStatusCode.BadRequest, field);
        await AssertErrorAsync(xml, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("POST", "requests.xml", "")]
    [InlineData("POST", "requests.json", "api_key=not-a-key-of-this-hub-0000")]
    [InlineData("GET", "requests.json", "")]
    [InlineData("GET", "requests/LYG-20261201-000001.xml", "api_key=not-a-key-of-this-hub-0000")]
    [InlineData("GET", "tokens/LYG-20261201-000001.json", "")]
    public async Task A_missing_or_wrong_api_key_is_403_in_the_specs_error_list_and_files_nothing(string method, string path, string key)
    {
        var cases = await hub.CountCasesAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{Base}{path}{(method == "GET" && key.Length > 0 ? "?" + key : "")}");
        if (method == "POST")
        {
            request.Content = new StringContent($"{key}&service_code=event-0101&lat=34.6&long=119.2", Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        using var response = await hub.Host.Anonymous.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "api_key");
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Equal(cases, await hub.CountCasesAsync());
    }

    [Theory]
    [InlineData("service_code=event-9999&lat=34.6&long=119.2", HttpStatusCode.NotFound, "event-9999")]
    [InlineData("lat=34.6&long=119.2", HttpStatusCode.BadRequest, "service_code")]
    [InlineData("service_code=event-0101&lat=95&long=119.2", HttpStatusCode.BadRequest, "lat")]
    [InlineData("service_code=event-0101&lat=34.6", HttpStatusCode.BadRequest, "long")]
    [InlineData("service_code=event-0101&lat=34.6&long=east", HttpStatusCode.BadRequest, "long")]
    [InlineData("service_code=event-0101&address_string=%E6%9C%9D%E9%98%B3%E4%B8%9C%E8%B7%AF", HttpStatusCode.BadRequest, "lat")]
    [InlineData("service_code=event-0101&address_id=545483", HttpStatusCode.BadRequest, "lat")]
    [InlineData("service_code=event-0101&lat=34.6&long=119.2&media_url=ftp%3A%2F%2Fx", HttpStatusCode.BadRequest, "media_url")]
    [InlineData("service_code=event-0101&service_code=event-0102&lat=34.6&long=119.2", HttpStatusCode.BadRequest, "service_code")]
    [InlineData("service_code=event-0101&lat=34.6&long=119.2&jurisdiction_id=a&jurisdiction_id=b", HttpStatusCode.BadRequest, "jurisdiction_id")]
    public async Task A_bad_request_is_refused_in_the_specs_error_list_naming_the_field_and_files_nothing(string form, HttpStatusCode status, string named)
    {
        var cases = await hub.CountCasesAsync();

        using var response = await hub.Host.Anonymous.PostAsync(
            Base + "requests.json", new StringContent($"api_key={ApiKey}&{form}", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertErrorAsync(response, status, named);
        Assert.Equal(cases, await hub.CountCasesAsync());
    }

    [Fact]
    public async Task A_form_whose_bytes_are_not_utf8_is_400_naming_the_field()
    {
        var cases = await hub.CountCasesAsync();
        var body = new ByteArrayContent([.. Encoding.ASCII.GetBytes($"api_key={ApiKey}&service_code=event-0101&lat=34.6&long=119.2&description="), 0xC3, 0x28, 0xFF]);
        body.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await hub.Host.Anonymous.PostAsync(Base + "requests.json", body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "description");
        Assert.Equal(cases, await hub.CountCasesAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_form_far_beyond_a_georeport_request_is_400_before_it_is_held_whether_the_key_is_in_it_or_in_the_query(bool keyInQuery)
    {
        var cases = await hub.CountCasesAsync();
        var fields = string.Join("&", Enumerable.Range(0, 500).Select(i => $"attribute[x{i}]=1"));
        var path = Base + "requests.json" + (keyInQuery ? $"?api_key={ApiKey}" : "");
        var body = (keyInQuery ? "" : $"api_key={ApiKey}&") + "service_code=event-0101&lat=34.6&long=119.2&" + fields;

        using var response = await hub.Host.Anonymous.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "form");
        Assert.Equal(cases, await hub.CountCasesAsync());
    }

    [Fact]
    public async Task A_json_body_an_unknown_extension_and_an_unknown_request_are_answered_in_the_specs_error_list()
    {
        using var json = await hub.Host.Anonymous.PostAsync($"{Base}requests.json?api_key={ApiKey}", JsonContent.Create(new { service_code = "event-0101" }));
        using var csv = await PostAsync("requests.csv", new() { ["api_key"] = ApiKey, ["service_code"] = "event-0101", ["lat"] = "34.6", ["long"] = "119.2" });
        using var missing = await hub.Host.Anonymous.GetAsync($"{Base}requests/LYG-20000101-000001.json?api_key={ApiKey}");
        using var token = await hub.Host.Anonymous.GetAsync($"{Base}tokens/nonsense.xml?api_key={ApiKey}");

        await AssertErrorAsync(json, HttpStatusCode.BadRequest, "x-www-form-urlencoded");
        await AssertErrorAsync(csv, HttpStatusCode.NotFound, ".xml and .json");
        Assert.Equal("text/xml", csv.Content.Headers.ContentType?.MediaType);
        await AssertErrorAsync(missing, HttpStatusCode.NotFound, "LYG-20000101-000001");
        await AssertErrorAsync(token, HttpStatusCode.NotFound, "nonsense");
    }

    [Fact]
    public async Task An_idempotency_key_files_one_case_however_often_it_is_sent_and_a_different_request_under_it_is_409()
    {
        var key = "open311-" + Guid.NewGuid().ToString("N");
        var form = new Dictionary<string, string> { ["api_key"] = ApiKey, ["service_code"] = "event-0102", ["lat"] = "34.6", ["long"] = "119.2", ["description"] = "占道经营" };

        var first = await FileAsync(form, key);
        var again = await FileAsync(form, key);
        using var different = await PostAsync("requests.json", new(form) { ["description"] = "另一处" }, key);

        Assert.Equal(first, again);
        await AssertErrorAsync(different, HttpStatusCode.Conflict, "Idempotency-Key");
    }

    [Fact]
    public async Task A_token_stands_for_its_request_and_the_assigned_unit_is_the_agency_responsible()
    {
        var id = await FileServiceAsync("component-0106");
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-open311", Roles.Dispatcher);
        var staff = await hub.Host.ClientForAsync("operator-open311-dispatch", Roles.Operator);
        using (var registered = await staff.ActAsync(id, "register", """{"categoryCode":"0106","categoryKind":"component","urgency":"normal"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }

        using (var dispatched = await dispatcher.ActAsync(id, "dispatch", """{"unitCode":"DEPT-CGJ"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, dispatched.StatusCode);
        }

        var token = await GetXmlAsync($"tokens/{id}.xml?api_key={ApiKey}");
        var request = (await GetJsonAsync($"requests/{id}.json?api_key={ApiKey}"))[0];

        Assert.Equal(XmlShape(Open311SpecExamples.TokenXml), XmlShape(token.ToString()));
        Assert.Equal((id, id), (token.Root!.Element("request")!.Element("service_request_id")!.Value, token.Root.Element("request")!.Element("token")!.Value));
        Assert.Equal(("open", "已派遣至责任单位处理。", "连云港市城市管理局"), (request.GetProperty("status").GetString(), request.GetProperty("status_notes").GetString(), request.GetProperty("agency_responsible").GetString()));
    }

    [Fact]
    public async Task Another_open311_client_sees_none_of_the_requests_this_one_filed()
    {
        var id = await FileServiceAsync("component-0107");
        await using var second = await StandaloneHost.StartAsync(hub.Azurite.ConnectionString, "e2eopen311", new Dictionary<string, string>
        {
            ["Standalone__Roles"] = "api",
            ["Durable__WorkerId"] = "e2e-open311-api",
            ["MachineClients__other-app__Kind"] = "open311",
            ["MachineClients__other-app__ApiKeys__0"] = "other-app-api-key-0123456789",
        });

        using var one = await second.Anonymous.GetAsync($"{Base}requests/{id}.json?api_key=other-app-api-key-0123456789");
        using var list = await second.Anonymous.GetAsync($"{Base}requests.json?api_key=other-app-api-key-0123456789&service_request_id={id}");
        using var own = await second.Anonymous.GetAsync($"{Base}requests/{id}.json?api_key={ApiKey}");

        await AssertErrorAsync(one, HttpStatusCode.NotFound, id);
        Assert.Equal("[]", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Base + path) { Content = new FormUrlEncodedContent(form) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return hub.Host.Anonymous.SendAsync(request);
    }

    private Task<string> FileServiceAsync(string serviceCode) =>
        FileAsync(new() { ["api_key"] = ApiKey, ["service_code"] = serviceCode, ["lat"] = "34.5967", ["long"] = "119.2215", ["description"] = "测试上报 " + serviceCode });

    private async Task<string> FileAsync(Dictionary<string, string> form, string? idempotencyKey = null)
    {
        using var response = await PostAsync("requests.json", form, idempotencyKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var list = await GetJsonAsync($"requests.json?api_key={ApiKey}&{query}");
        return [.. list.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!)];
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await hub.Host.Anonymous.GetAsync(Base + path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<XDocument> GetXmlAsync(string path)
    {
        using var response = await hub.Host.Anonymous.GetAsync(Base + path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.Ordinal);
        return XDocument.Parse(body);
    }

    /// <summary>The spec's error list, in the format of the path: one error whose code is the status, its description naming <paramref name="named"/>.</summary>
    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string named)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var (code, description) = response.Content.Headers.ContentType?.MediaType == "application/json"
            ? (JsonDocument.Parse(body).RootElement[0].GetProperty("code").GetInt32(), JsonDocument.Parse(body).RootElement[0].GetProperty("description").GetString()!)
            : (int.Parse(XDocument.Parse(body).Root!.Element("error")!.Element("code")!.Value, CultureInfo.InvariantCulture), XDocument.Parse(body).Root!.Element("error")!.Element("description")!.Value);
        Assert.Equal((int)status, code);
        Assert.Contains(named, description, StringComparison.Ordinal);
        Assert.Equal(body.TrimStart().StartsWith('<') ? XmlShape(Open311SpecExamples.ErrorsXml) : Shape(Open311SpecExamples.ErrorsJson), body.TrimStart().StartsWith('<') ? XmlShape(body) : JsonShape(body));
    }

    private static List<string> Shape(string specJson) => [.. Open311SpecExamples.JsonShape(Open311SpecExamples.Json(specJson)).Order(StringComparer.Ordinal)];

    private static List<string> JsonShape(string json) => [.. Open311SpecExamples.JsonShape(JsonDocument.Parse(json).RootElement).Order(StringComparer.Ordinal)];

    private static List<string> XmlShape(string xml) => [.. Open311SpecExamples.XmlShape(xml).Order(StringComparer.Ordinal)];
}
