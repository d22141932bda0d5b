using System.Text;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Api;

/// <summary>The shared body reader: every bad body is a 4xx problem naming what is wrong, never an exception.</summary>
public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("""{"location":{"lat":34.6,"lon":119.2,"crs":2}}""", "location.crs")]
    [InlineData("""{"location":{"lat":34.6,"lon":119.2,"crs":"2"}}""", "location.crs")]
    [InlineData("""{"location":{"lat":34.6,"lon":119.2,"crs":"wgs84, gcj02"}}""", "location.crs")]
    [InlineData("""{"location":{"lat":34.6,"lon":119.2,"crs":"WGS84"}}""", "location.crs")]
    [InlineData("""{"description":"d","categoryKind":"component,event"}""", "categoryKind")]
    [InlineData("""{"description":5}""", "description")]
    [InlineData("""{"location":"here"}""", "location")]
    [InlineData("""{"attachmentIds":[1]}""", "attachmentIds[0]")]
    public async Task A_value_the_contract_does_not_define_is_a_validation_problem_naming_the_field(string json, string field)
    {
        var answer = await ReadAsync(json, LygJsonContext.Default.SubmitReportRequest);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal([field], answer.ErrorFields);
    }

    [Fact]
    public async Task A_bad_enum_is_answered_with_the_names_it_takes()
    {
        var answer = await ReadAsync("""{"satisfaction":99}""", LygJsonContext.Default.RateCaseRequest);

        Assert.Equal("One of: satisfied, basicallySatisfied, dissatisfied.", answer.Body.GetProperty("errors").GetProperty("satisfaction")[0].GetString());
    }

    [Theory]
    [InlineData("""{"extraWorkingDays":1e400,"reason":"r"}""")]
    [InlineData("""{"extraWorkingDays":99999999999,"reason":"r"}""")]
    [InlineData("""{"extraWorkingDays":2.5,"reason":"r"}""")]
    [InlineData("""{"extraWorkingDays":"1e400","reason":"r"}""")]
    public async Task A_number_that_does_not_fit_an_int_field_names_the_field(string json)
    {
        var answer = await ReadAsync(json, LygJsonContext.Default.RequestPostponementRequest);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["extraWorkingDays"], answer.ErrorFields);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[{}]")]
    [InlineData("\"reason\"")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"reason\":\"r\"")]
    [InlineData("{\"reason\":\"r\",}")]
    [InlineData("{\"reason\":\"r\"} {}")]
    [InlineData("{/* c */\"reason\":\"r\"}")]
    public async Task A_body_that_is_not_one_json_object_is_malformed(string json)
    {
        var answer = await ReadAsync(json, LygJsonContext.Default.ReasonedRequest);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/malformed", answer.ProblemType);
    }

    [Fact]
    public async Task Deeply_nested_json_is_malformed()
    {
        var json = "{\"reason\":" + new string('[', 500) + new string(']', 500) + "}";

        var answer = await ReadAsync(json, LygJsonContext.Default.ReasonedRequest);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/malformed", answer.ProblemType);
    }

    [Fact]
    public async Task Invalid_utf8_is_malformed()
    {
        byte[] body = [.. "{\"reason\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];

        var answer = await ReadAsync(body, LygJsonContext.Default.ReasonedRequest);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/malformed", answer.ProblemType);
    }

    public static TheoryData<string> BrokenStreams() => ["bad-request", "too-large", "io", "aborted"];

    [Theory]
    [MemberData(nameof(BrokenStreams))]
    public async Task A_body_whose_reading_fails_is_a_problem_not_an_exception(string failure)
    {
        Exception thrown = failure switch
        {
            "bad-request" => new BadHttpRequestException("Bad chunk size data.", StatusCodes.Status400BadRequest),
            "too-large" => new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge),
            "io" => new IOException("The client reset the request stream."),
            _ => new OperationCanceledException("The request was aborted."),
        };
        var request = JsonRequests.With("", declareLength: false);
        request.Body = new FailingStream(Encoding.UTF8.GetBytes("{\"reason\":"), thrown);

        var (value, problem) = await JsonBody.ReadAsync(request, LygJsonContext.Default.ReasonedRequest, CancellationToken.None);
        var answer = await ResultRunner.ExecuteAsync(problem!);

        Assert.Null(value);
        Assert.Equal(failure == "too-large" ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
    }

    private static Task<ExecutedResult> ReadAsync<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class => ReadAsync(Encoding.UTF8.GetBytes(json), type);

    private static async Task<ExecutedResult> ReadAsync<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        var (value, problem) = await JsonBody.ReadAsync(JsonRequests.With(body), type, CancellationToken.None);
        Assert.Null(value);
        return await ResultRunner.ExecuteAsync(problem!);
    }

    /// <summary>A request body that yields its first bytes, then fails as a broken connection or framing does.</summary>
    private sealed class FailingStream(byte[] first, Exception failure) : Stream
    {
        private bool _served;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_served)
            {
                throw failure;
            }

            _served = true;
            first.CopyTo(buffer);
            return ValueTask.FromResult(first.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
