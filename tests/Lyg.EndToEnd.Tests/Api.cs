using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lyg.Contracts;

namespace Lyg.EndToEnd.Tests;

/// <summary>The wire calls the suite makes, spelled once.</summary>
internal static class Api
{
    public static SubmitReportRequest ManholeReport(string description = "井盖缺失, 海州区朝阳中路与通灌北路交叉口") => new(
        description,
        null,
        new GeoLocation(34.5967, 119.2215, CoordinateSystem.Wgs84),
        "海州区朝阳中路",
        []);

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, SubmitReportRequest report, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reports")
        {
            Content = JsonContent.Create(report, LygJsonContext.Default.SubmitReportRequest),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<string> SubmitCaseAsync(this HttpClient client, SubmitReportRequest? report = null)
    {
        using var response = await client.SubmitAsync(report ?? ManholeReport());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportAccepted);
        return accepted!.CaseId;
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, string caseId, string action, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/cases/{caseId}/actions/{action}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string caseId, string? idempotencyKey = null) =>
        client.ActAsync(caseId, "register", """{"categoryCode":"0101","urgency":"urgent","reason":"核实属实"}""", idempotencyKey);

    /// <summary>A case as staff, its unit or the platform above read it; a reporter reads <see cref="GetReportAsync"/>.</summary>
    public static async Task<CaseView> GetCaseAsync(this HttpClient client, string caseId)
    {
        using var response = await client.GetAsync($"api/v1/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsByteArrayAsync();
        // A report view would bind to a case view with every missing member at its default: refuse it.
        using (var document = JsonDocument.Parse(json))
        {
            Assert.True(document.RootElement.TryGetProperty("state", out _), "The reader got a report view, not a case view.");
        }

        return JsonSerializer.Deserialize(json, LygJsonContext.Default.CaseView)!;
    }

    /// <summary>A report as its reporter reads it.</summary>
    public static async Task<ReportView> GetReportAsync(this HttpClient client, string caseId)
    {
        using var response = await client.GetAsync($"api/v1/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportView))!;
    }

    /// <summary>Uploads a photo (a JPEG with EXIF location and device data unless one is given) as the raw body; its attachment id.</summary>
    public static async Task<string> UploadPhotoAsync(this HttpClient client, byte[]? photo = null, string contentType = "image/jpeg")
    {
        using var content = new ByteArrayContent(photo ?? Lyg.Testing.TestPhotos.Create(Lyg.Testing.TestPhotos.Format.Jpeg));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await client.PostAsync("api/v1/attachments", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.AttachmentCreated))!.AttachmentId;
    }

    /// <summary>Awaits a command and asserts it was answered 202.</summary>
    public static async Task ExpectAcceptedAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Asserts an RFC 9457 answer and returns its members.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("https://", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        return problem;
    }
}
