using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Attachments;

/// <summary>Photos over real HTTP on the standalone host with Azurite: upload, type and size checks, who may read them, and reports naming them.</summary>
[Collection(HubSuite.Name)]
public sealed class AttachmentTests(HubFixture hub) : IAsyncLifetime
{
    private HttpClient _citizen = null!;
    private HttpClient _otherCitizen = null!;
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        _citizen = await hub.Host.ClientForAsync("citizen-" + Guid.NewGuid().ToString("N"), Roles.Citizen);
        _otherCitizen = await hub.Host.ClientForAsync("citizen-" + Guid.NewGuid().ToString("N"), Roles.Citizen);
        _operator = await hub.Host.ClientForAsync("operator-att", Roles.Operator);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_raw_jpeg_is_answered_201_and_served_upright_without_its_metadata_which_staff_read_apart()
    {
        using var content = Raw(TestPhotos.Create(TestPhotos.Format.Jpeg, 64, 48, orientation: 6), "image/jpeg");

        using var response = await _citizen.PostAsync("api/v1/attachments", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.AttachmentCreated))!;
        Assert.Matches("^[0-9a-f]{32}$", created.AttachmentId);
        Assert.Equal($"/api/v1/attachments/{created.AttachmentId}", response.Headers.Location?.ToString());
        Assert.Equal(("image/jpeg", 48, 64), (created.ContentType, created.Width, created.Height));

        using var photo = await _citizen.GetAsync(created.Url.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.True(photo.Headers.CacheControl is { Private: true, MaxAge: not null });
        Assert.Equal("nosniff", photo.Headers.GetValues("X-Content-Type-Options").Single());
        var served = await photo.Content.ReadAsByteArrayAsync();
        Assert.Equal(created.Size, served.Length);
        Assert.False(TestPhotos.Contains(served, TestPhotos.Make));
        Assert.False(TestPhotos.Contains(served, TestPhotos.Model));

        using var thumbnail = await _citizen.GetAsync(created.ThumbnailUrl.TrimStart('/'));
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.False(TestPhotos.Contains(await thumbnail.Content.ReadAsByteArrayAsync(), TestPhotos.Make));

        var metadata = (await _operator.GetFromJsonAsync($"api/v1/attachments/{created.AttachmentId}/metadata", LygJsonContext.Default.AttachmentMetadata))!;
        Assert.Equal((TestPhotos.Make, TestPhotos.Model, "2026-11-30T09:15:42"), (metadata.Exif.Make, metadata.Exif.Model, metadata.Exif.TakenAt));
        Assert.Equal(TestPhotos.Latitude, metadata.Exif.Latitude!.Value, 6);
        Assert.Equal(TestPhotos.Longitude, metadata.Exif.Longitude!.Value, 6);
        Assert.Equal((Roles.Citizen, (long)content.Headers.ContentLength!.Value), (metadata.OwnerRole, metadata.Size));
        Assert.Null(metadata.CaseId);
    }

    [Fact]
    public async Task A_revalidation_with_the_etag_is_answered_304()
    {
        var id = await _citizen.UploadPhotoAsync();
        using var first = await _citizen.GetAsync($"api/v1/attachments/{id}");

        using var again = new HttpRequestMessage(HttpMethod.Get, $"api/v1/attachments/{id}");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await _citizen.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task A_multipart_upload_with_one_file_part_and_form_fields_is_taken_whatever_the_part_says_its_type_is()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("from the mini-program"), "source" },
            { Raw(TestPhotos.Create(TestPhotos.Format.Png), "application/octet-stream"), "file", "IMG_0001.jpg" },
        };

        using var response = await _citizen.PostAsync("api/v1/attachments", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.AttachmentCreated))!;
        Assert.Equal("image/png", created.ContentType);
        using var photo = await _citizen.GetAsync(created.Url.TrimStart('/'));
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_webp_is_taken_as_webp()
    {
        using var response = await _citizen.PostAsync("api/v1/attachments", Raw(TestPhotos.Create(TestPhotos.Format.WebP), "image/webp"));

        Assert.Equal("image/webp", (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.AttachmentCreated))!.ContentType);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_same_attachment_and_the_key_with_another_photo_is_409()
    {
        var photo = TestPhotos.Create(TestPhotos.Format.Jpeg);
        var key = "upload-" + Guid.NewGuid().ToString("N");

        var first = await UploadWithKeyAsync(photo, key);
        var retry = await UploadWithKeyAsync(photo, key);
        var unkeyed = await UploadWithKeyAsync(photo, null);
        using var other = await SendWithKeyAsync(TestPhotos.Create(TestPhotos.Format.Png), "image/png", key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal((HttpStatusCode.Created, first.Id), (retry.Status, retry.Id));
        Assert.NotEqual(first.Id, unkeyed.Id);
        var problem = await other.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("https://lyg-serverless.dev/problems/idempotency-key-reused", problem.GetProperty("type").GetString());
        using var served = await _citizen.GetAsync($"api/v1/attachments/{first.Id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public async Task A_malformed_idempotency_key_is_refused_400_naming_the_header(string key)
    {
        using var response = await SendWithKeyAsync(TestPhotos.Create(TestPhotos.Format.Jpeg), "image/jpeg", key);

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Fact]
    public async Task Two_idempotency_keys_are_refused_400_rather_than_joined_into_one()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/attachments") { Content = Raw(TestPhotos.Create(TestPhotos.Format.Jpeg), "image/jpeg") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", ["a", "b"]);

        using var response = await _citizen.SendAsync(request);

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    private async Task<(HttpStatusCode Status, string Id)> UploadWithKeyAsync(byte[] photo, string? key)
    {
        using var response = await SendWithKeyAsync(photo, "image/jpeg", key);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.AttachmentCreated))!.AttachmentId);
    }

    private Task<HttpResponseMessage> SendWithKeyAsync(byte[] photo, string contentType, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/attachments") { Content = Raw(photo, contentType) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return _citizen.SendAsync(request);
    }

    [Fact]
    public async Task Two_file_parts_are_refused_naming_the_second()
    {
        using var form = new MultipartFormDataContent
        {
            { Raw(TestPhotos.Create(TestPhotos.Format.Jpeg), "image/jpeg"), "first", "a.jpg" },
            { Raw(TestPhotos.Create(TestPhotos.Format.Jpeg), "image/jpeg"), "second", "b.jpg" },
        };

        using var response = await _citizen.PostAsync("api/v1/attachments", form);

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "second");
    }

    [Fact]
    public async Task A_pdf_named_photo_jpg_and_labelled_jpeg_is_refused_415_naming_the_part()
    {
        using var form = new MultipartFormDataContent { { Raw(TestPhotos.Pdf(), "image/jpeg"), "file", "photo.jpg" } };

        using var response = await _citizen.PostAsync("api/v1/attachments", form);

        await AssertFieldAsync(response, HttpStatusCode.UnsupportedMediaType, "file");
    }

    [Fact]
    public async Task A_zero_byte_photo_is_refused_400_naming_the_body()
    {
        using var response = await _citizen.PostAsync("api/v1/attachments", Raw([], "image/jpeg"));

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task A_jpeg_cut_short_is_refused_400_naming_the_body()
    {
        var whole = TestPhotos.Create(TestPhotos.Format.Jpeg, 400, 300);

        using var response = await _citizen.PostAsync("api/v1/attachments", Raw(whole[..(whole.Length * 2 / 3)], "image/jpeg"));

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task A_body_that_is_neither_an_image_type_nor_multipart_is_refused_415()
    {
        using var response = await _citizen.PostAsync("api/v1/attachments", Raw(TestPhotos.Create(TestPhotos.Format.Jpeg), "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_declared_50_mb_body_is_refused_413_before_any_of_it_is_sent()
    {
        // Expect: 100-continue, as curl sends for large bodies: the host answers from the headers alone.
        var stream = new CountingStream(50L * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/attachments") { Content = new StreamContent(stream) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        request.Content.Headers.ContentLength = stream.Length;
        request.Headers.ExpectContinue = true;

        using var response = await _citizen.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, stream.Sent);
    }

    [Fact]
    public async Task A_chunked_50_mb_stream_is_refused_413_once_past_the_limit_without_the_host_reading_it_all()
    {
        // Over a raw socket: the client keeps sending until the answer comes or the host closes the connection, as a
        // phone would; HttpClient would report the closed connection instead of the answer.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(hub.Host.BaseAddress.Host, hub.Host.BaseAddress.Port);
        var network = tcp.GetStream();
        var head = $"POST /api/v1/attachments HTTP/1.1\r\nHost: {hub.Host.BaseAddress.Authority}\r\nAuthorization: {_citizen.DefaultRequestHeaders.Authorization}\r\n"
            + "Content-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n\r\n";
        await network.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        var answer = ReadHeadAsync(network);
        var chunk = new byte[64 * 1024];
        var chunkHeader = System.Text.Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        long sent = 0;
        try
        {
            while (sent < 50L * 1024 * 1024 && !answer.IsCompleted)
            {
                await network.WriteAsync(chunkHeader);
                await network.WriteAsync(chunk);
                await network.WriteAsync("\r\n"u8.ToArray());
                sent += chunk.Length;
            }
        }
        catch (IOException)
        {
            // The host closed the connection after answering.
        }

        var status = await answer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
        Assert.True(sent < 20L * 1024 * 1024, $"{sent} bytes were sent before the answer");
    }

    /// <summary>The status line and headers of the answer on <paramref name="network"/>.</summary>
    private static async Task<string> ReadHeadAsync(Stream network)
    {
        var head = new List<byte>();
        var buffer = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            && await network.ReadAsync(buffer) == 1)
        {
            head.Add(buffer[0]);
        }

        return System.Text.Encoding.ASCII.GetString([.. head]);
    }

    [Fact]
    public async Task Staff_roles_other_than_inspectors_may_not_upload()
    {
        using var response = await _operator.PostAsync("api/v1/attachments", Raw(TestPhotos.Create(TestPhotos.Format.Jpeg), "image/jpeg"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_citizen_and_an_unassigned_unit_get_404_the_uploader_and_staff_get_the_photo_and_only_staff_its_metadata()
    {
        var id = await _citizen.UploadPhotoAsync();
        var unit = await hub.Host.ClientForAsync("unit-att-1", Roles.Unit, "DEPT-CGJ");

        Assert.Equal(HttpStatusCode.OK, (await _citizen.GetAsync($"api/v1/attachments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _operator.GetAsync($"api/v1/attachments/{id}/thumbnail")).StatusCode);
        await (await _otherCitizen.GetAsync($"api/v1/attachments/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _otherCitizen.GetAsync($"api/v1/attachments/{id}/thumbnail")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await unit.GetAsync($"api/v1/attachments/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _citizen.GetAsync($"api/v1/attachments/{id}/metadata")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await _operator.GetAsync("api/v1/attachments/0123456789abcdef0123456789abcdef")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_unit_a_case_is_dispatched_to_sees_its_reporters_photo_and_another_unit_does_not()
    {
        var units = await _operator.GetFromJsonAsync("api/v1/units?kind=enterprise", LygJsonContext.Default.UnitPage);
        var (assigned, other) = (units!.Items[0].Code, units.Items[1].Code);
        var assignedUnit = await hub.Host.ClientForAsync("unit-att-assigned", Roles.Unit, assigned);
        var otherUnit = await hub.Host.ClientForAsync("unit-att-other", Roles.Unit, other);
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-att", Roles.Dispatcher);
        var photo = await _citizen.UploadPhotoAsync();
        var caseId = await _citizen.SubmitCaseAsync(Api.ManholeReport() with { AttachmentIds = [photo] });
        await (await assignedUnit.GetAsync($"api/v1/attachments/{photo}")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.Accepted, (await _operator.RegisterAsync(caseId)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await dispatcher.ActAsync(caseId, "dispatch", $$"""{"unitCode":"{{assigned}}"}""")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await assignedUnit.GetAsync($"api/v1/attachments/{photo}")).StatusCode);
        await (await otherUnit.GetAsync($"api/v1/attachments/{photo}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var metadata = await _operator.GetFromJsonAsync($"api/v1/attachments/{photo}/metadata", LygJsonContext.Default.AttachmentMetadata);
        Assert.Equal(caseId, metadata!.CaseId);
    }

    [Fact]
    public async Task A_report_naming_someone_elses_or_a_missing_photo_is_refused_400_and_creates_nothing()
    {
        var mine = await _citizen.UploadPhotoAsync();
        var theirs = await _otherCitizen.UploadPhotoAsync();
        var before = await hub.CountCasesAsync();

        using var response = await _citizen.SubmitAsync(Api.ManholeReport() with { AttachmentIds = [mine, theirs, "0123456789abcdef0123456789abcdef"] });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["attachmentIds[1]", "attachmentIds[2]"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await hub.CountCasesAsync());
        var metadata = await _operator.GetFromJsonAsync($"api/v1/attachments/{mine}/metadata", LygJsonContext.Default.AttachmentMetadata);
        Assert.Null(metadata!.CaseId);
    }

    [Fact]
    public async Task Ten_photos_are_one_more_than_a_report_takes()
    {
        var ten = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ten.Add(await _citizen.UploadPhotoAsync());
        }

        var before = await hub.CountCasesAsync();

        using var response = await _citizen.SubmitAsync(Api.ManholeReport() with { AttachmentIds = ten });

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "attachmentIds");
        Assert.Equal(before, await hub.CountCasesAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await _citizen.SubmitAsync(Api.ManholeReport() with { AttachmentIds = ten[..9] })).StatusCode);
    }

    [Fact]
    public async Task A_photo_of_one_report_cannot_be_named_by_another()
    {
        var photo = await _citizen.UploadPhotoAsync();
        await _citizen.SubmitCaseAsync(Api.ManholeReport() with { AttachmentIds = [photo] });

        using var second = await _citizen.SubmitAsync(Api.ManholeReport() with { AttachmentIds = [photo] });

        await AssertFieldAsync(second, HttpStatusCode.BadRequest, "attachmentIds[0]");
    }

    private static ByteArrayContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var problem = await response.AssertProblemAsync(status);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"No error for {field}: {problem}");
    }

    /// <summary>A stream of zeros of a given length that counts what the client took from it.</summary>
    private sealed class CountingStream(long length, bool seekable = true) : Stream
    {
        private long _position;

        public long Sent => Interlocked.Read(ref _position);

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? length : throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            Interlocked.Add(ref _position, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
