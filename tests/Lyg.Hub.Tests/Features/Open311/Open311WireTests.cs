using System.Text;
using System.Text.Json;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Open311;
using Lyg.Testing;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Features.Open311;

/// <summary>
/// Every document the hub writes has the shape of the spec's own example, in XML and in JSON: the same elements under
/// the same parents (members under the same members), no more and no fewer.
/// </summary>
public sealed class Open311WireTests
{
    private static readonly Open311Request Request = new(
        "LYG-20261201-000001", "open", "已受理，等待立案。", "供水井盖", "component-0101", "井盖缺失", "城管局", null,
        "2026-12-01T09:30:00+08:00", "2026-12-01T09:30:00+08:00", "2026-12-01T11:30:00+08:00", "朝阳东路 18 号", null, null,
        34.5967, 119.2215, "http://hub.example/api/v1/attachments/a1");

    public static TheoryData<string, string, string> Documents() => new()
    {
        { "services", Open311SpecExamples.ServicesXml, Open311SpecExamples.ServicesJson },
        { "service definition", Open311SpecExamples.DefinitionXml, Open311SpecExamples.DefinitionJson },
        { "created", Open311SpecExamples.CreatedXml, Open311SpecExamples.CreatedJson },
        { "token", Open311SpecExamples.TokenXml, Open311SpecExamples.TokenJson },
        { "requests", Open311SpecExamples.RequestsXml, Open311SpecExamples.RequestsJson },
        { "request", Open311SpecExamples.RequestXml, Open311SpecExamples.RequestJson },
        { "errors", Open311SpecExamples.ErrorsXml, Open311SpecExamples.ErrorsJson },
        { "discovery", Open311SpecExamples.DiscoveryXml, Open311SpecExamples.DiscoveryJson },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Each_document_has_the_shape_of_the_spec_example_in_xml_and_json(string document, string specXml, string specJson)
    {
        var xml = await BodyAsync(Reply(document, ReplyFormat.Xml));
        var json = await BodyAsync(Reply(document, ReplyFormat.Json));

        Assert.Equal(Sorted(Open311SpecExamples.XmlShape(specXml)), Sorted(Open311SpecExamples.XmlShape(xml.Body)));
        Assert.Equal(Sorted(Open311SpecExamples.JsonShape(Open311SpecExamples.Json(specJson))), Sorted(Open311SpecExamples.JsonShape(JsonDocument.Parse(json.Body).RootElement)));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml.Body, StringComparison.Ordinal);
        Assert.Equal("text/xml; charset=utf-8", xml.ContentType);
        Assert.Equal("application/json; charset=utf-8", json.ContentType);
    }

    [Fact]
    public async Task A_request_in_json_has_numbers_for_the_point_nulls_for_what_is_unknown_and_long_as_the_spec_names_it()
    {
        var json = JsonDocument.Parse((await BodyAsync(Reply("request", ReplyFormat.Json))).Body).RootElement[0];

        Assert.Equal(119.2215, json.GetProperty("long").GetDouble());
        Assert.Equal(34.5967, json.GetProperty("lat").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("zipcode").ValueKind);
        Assert.Equal("2026-12-01T11:30:00+08:00", json.GetProperty("expected_datetime").GetString());
    }

    [Fact]
    public async Task Xml_drops_characters_xml_cannot_carry_instead_of_failing_halfway()
    {
        var request = Request with { Description = "井盖\u0001缺失\u0008 😀" };

        var xml = await BodyAsync(Open311Replies.Reply<IReadOnlyList<Open311Request>>([request], ReplyFormat.Xml, Open311JsonContext.Wire.IReadOnlyListOpen311Request, Open311Xml.Requests));

        Assert.Equal("井盖缺失 😀", System.Xml.Linq.XDocument.Parse(xml.Body).Root!.Element("request")!.Element("description")!.Value);
    }

    [Fact]
    public async Task An_error_is_the_spec_list_with_its_status_as_code()
    {
        var reply = await BodyAsync(Open311Replies.Error(StatusCodes.Status403Forbidden, "Invalid api_key.", ReplyFormat.Json));

        Assert.Equal(StatusCodes.Status403Forbidden, reply.Status);
        Assert.Equal("""[{"code":403,"description":"Invalid api_key."}]""", reply.Body);
    }

    private static IResult Reply(string document, ReplyFormat format) => document switch
    {
        "services" => Open311Replies.Reply<IReadOnlyList<Open311Service>>(
            [new("event-0101", "私搭乱建", "市容环境类：私搭乱建", false, "realtime", "私搭乱建, 市容环境类, 事件", "市容环境类")],
            format, Open311JsonContext.Wire.IReadOnlyListOpen311Service, Open311Xml.Services),
        "service definition" => Open311Replies.Reply(
            new Open311ServiceDefinition("event-0101", [new(true, "SIZE", "singlevaluelist", true, null, 1, "多大？", [new("1", "小"), new("2", "大")])]),
            format, Open311JsonContext.Wire.Open311ServiceDefinition, Open311Xml.Definition),
        "created" => Open311Replies.Reply<IReadOnlyList<Open311Created>>(
            [new("LYG-20261201-000001", "已受理", null)], format, Open311JsonContext.Wire.IReadOnlyListOpen311Created, Open311Xml.Created),
        "token" => Open311Replies.Reply<IReadOnlyList<Open311Token>>(
            [new("LYG-20261201-000001", "LYG-20261201-000001")], format, Open311JsonContext.Wire.IReadOnlyListOpen311Token, Open311Xml.Tokens),
        "requests" or "request" => Open311Replies.Reply<IReadOnlyList<Open311Request>>(
            [Request], format, Open311JsonContext.Wire.IReadOnlyListOpen311Request, Open311Xml.Requests),
        "errors" => Open311Replies.Error(StatusCodes.Status403Forbidden, "Invalid api_key.", format),
        "discovery" => Open311Replies.Reply(
            new Open311Discovery("2026-12-01", "中心", "申请", [new(GetOpen311Discovery.Specification, "http://hub/api/open311/v2", "2026-12-01", "production", ["text/xml", "application/json"])]),
            format, Open311JsonContext.Wire.Open311Discovery, Open311Xml.Discovery),
        _ => throw new ArgumentOutOfRangeException(nameof(document), document, null),
    };

    private static List<string> Sorted(IEnumerable<string> paths) => [.. paths.Order(StringComparer.Ordinal)];

    internal static async Task<(int Status, string? ContentType, string Body)> BodyAsync(IResult result)
    {
        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, http.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }
}
