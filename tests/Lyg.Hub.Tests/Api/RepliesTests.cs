using System.Text;
using System.Xml.Linq;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Api;

public sealed class RepliesTests
{
    private static readonly ReportAccepted Accepted = new("LYG-20261201-000007", "/api/v1/cases/LYG-20261201-000007");

    [Theory]
    [InlineData("json", ReplyFormat.Json)]
    [InlineData("XML", ReplyFormat.Xml)]
    [InlineData("csv", null)]
    [InlineData(null, null)]
    public void A_route_extension_names_a_format_or_none(string? extension, ReplyFormat? format)
    {
        Assert.Equal(format, Replies.FormatOf(extension));
    }

    [Fact]
    public async Task A_value_asked_for_as_json_is_written_by_its_contract()
    {
        var (http, body) = await ExecuteAsync(Replies.Formatted(Accepted, ReplyFormat.Json, LygJsonContext.Wire.ReportAccepted, WriteXml, StatusCodes.Status202Accepted));

        Assert.Equal(StatusCodes.Status202Accepted, http.Response.StatusCode);
        Assert.StartsWith("application/json", http.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"caseId":"LYG-20261201-000007","statusUrl":"/api/v1/cases/LYG-20261201-000007"}""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task The_same_value_asked_for_as_xml_is_one_well_formed_document_with_its_length()
    {
        var (http, body) = await ExecuteAsync(Replies.Formatted(Accepted, ReplyFormat.Xml, LygJsonContext.Wire.ReportAccepted, WriteXml));

        Assert.Equal(Replies.XmlContentType, http.Response.ContentType);
        Assert.Equal(body.Length, http.Response.ContentLength);
        var document = XDocument.Parse(Encoding.UTF8.GetString(body));
        Assert.Equal("LYG-20261201-000007", document.Root!.Element("case_id")!.Value);
    }

    [Fact]
    public async Task A_file_is_an_attachment_whose_chinese_name_survives()
    {
        var content = Encoding.UTF8.GetBytes("unit,score\nDEPT-CGJ,96.5\n");

        var (http, body) = await ExecuteAsync(Replies.File(content, "text/csv; charset=utf-8", "2026-11 月考.csv"));

        Assert.Equal(content, body);
        Assert.Equal("text/csv; charset=utf-8", http.Response.ContentType);
        var disposition = http.Response.Headers.ContentDisposition.ToString();
        Assert.StartsWith("attachment", disposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''2026-11%20%E6%9C%88%E8%80%83.csv", disposition, StringComparison.Ordinal);
    }

    private static void WriteXml(System.Xml.XmlWriter writer, ReportAccepted value)
    {
        writer.WriteStartElement("accepted");
        writer.WriteElementString("case_id", value.CaseId);
        writer.WriteElementString("status_url", value.StatusUrl);
        writer.WriteEndElement();
    }

    [Fact]
    public async Task An_inline_file_is_shown_in_place_cached_privately_and_revalidated_by_its_etag()
    {
        var (http, body) = await ExecuteAsync(Replies.InlineFile([1, 2, 3], "image/png", "photo-1", TimeSpan.FromHours(1)));

        Assert.Equal([1, 2, 3], body);
        Assert.Equal("image/png", http.Response.ContentType);
        Assert.Equal("inline", http.Response.Headers.ContentDisposition.ToString());
        Assert.Equal("private, max-age=3600", http.Response.Headers.CacheControl.ToString());
        Assert.Equal("\"photo-1\"", http.Response.Headers.ETag.ToString());
        Assert.Equal("nosniff", http.Response.Headers.XContentTypeOptions.ToString());

        var revalidation = new DefaultHttpContext();
        revalidation.Request.Headers.IfNoneMatch = "\"photo-1\"";
        using var nothing = new MemoryStream();
        revalidation.Response.Body = nothing;
        await Replies.InlineFile([1, 2, 3], "image/png", "photo-1", TimeSpan.FromHours(1)).ExecuteAsync(revalidation);

        Assert.Equal(StatusCodes.Status304NotModified, revalidation.Response.StatusCode);
        Assert.Equal(0, nothing.Length);
    }

    private static async Task<(HttpContext Http, byte[] Body)> ExecuteAsync(IResult result)
    {
        var http = new DefaultHttpContext();
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        return (http, body.ToArray());
    }
}
