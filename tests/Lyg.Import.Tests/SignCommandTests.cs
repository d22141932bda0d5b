using System.Text;
using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lyg.Import.Tests;

/// <summary>
/// The sign command: the headers it prints verify as the hub verifies them, the secret comes from the option or the
/// Development settings, and --send makes the request to a loopback server that checks the signature.
/// </summary>
public sealed class SignCommandTests : IDisposable
{
    private const string Url = "http://127.0.0.1:7071/api/v1/machine/ping?probe=%E4%BA%95";

    /// <summary>The sample secret of dev-video in the Development settings: base64 of this text.</summary>
    private static readonly byte[] DevVideoSecret = Encoding.UTF8.GetBytes("sample-secret-of-dev-video-development-only");

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lyg-sign-");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task The_printed_headers_sign_the_method_path_query_timestamp_nonce_and_body()
    {
        var secret = new byte[32];
        Random.Shared.NextBytes(secret);
        var body = Path.Combine(_directory.FullName, "order.json");
        await File.WriteAllTextAsync(body, """{"workOrderNo":"GD2026120100001"}""");

        Assert.Equal(ExitCodes.Success, await RunAsync("sign", "post", Url, "--client", "dev-hotline12345", "--secret", Convert.ToBase64String(secret), "--body", body));

        var headers = PrintedHeaders();
        Assert.Equal([RequestSignature.ClientHeader, RequestSignature.TimestampHeader, RequestSignature.NonceHeader, RequestSignature.SignatureHeader], headers.Keys);
        Assert.Equal("dev-hotline12345", headers[RequestSignature.ClientHeader]);
        Assert.InRange(long.Parse(headers[RequestSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), -5, 0);
        Assert.True(Verifies(headers, secret, "POST", "/api/v1/machine/ping?probe=%E4%BA%95", await File.ReadAllBytesAsync(body)));
        Assert.False(Verifies(headers, secret, "POST", "/api/v1/machine/ping?probe=%E4%BA%95", []));
    }

    [Fact]
    public async Task Without_a_secret_the_clients_sample_secret_is_read_from_the_development_settings()
    {
        Assert.Equal(ExitCodes.Success, await RunAsync("sign", "GET", Url, "--client", "dev-video"));

        Assert.True(Verifies(PrintedHeaders(), DevVideoSecret, "GET", "/api/v1/machine/ping?probe=%E4%BA%95", []));
    }

    [Fact]
    public async Task Every_request_gets_a_new_nonce()
    {
        await RunAsync("sign", "GET", Url, "--client", "dev-video");
        var first = PrintedHeaders()[RequestSignature.NonceHeader];
        _output.GetStringBuilder().Clear();
        await RunAsync("sign", "GET", Url, "--client", "dev-video");

        Assert.NotEqual(first, PrintedHeaders()[RequestSignature.NonceHeader]);
        Assert.Equal(32, first.Length);
    }

    [Fact]
    public async Task A_client_missing_from_the_settings_is_refused_naming_those_there()
    {
        var settings = Path.Combine(_directory.FullName, "settings.json");
        await File.WriteAllTextAsync(settings, """{"MachineClients":{"gw-1":{"Kind":"gateway","Secrets":["AAAA"]},"gw-2":{"Kind":"gateway"}}}""");

        Assert.Equal(ExitCodes.UsageOrIo, await RunAsync("sign", "GET", Url, "--client", "gw-9", "--settings", settings));
        Assert.Contains("has no client gw-9; it has: gw-1, gw-2.", _error.ToString(), StringComparison.Ordinal);

        Assert.Equal(ExitCodes.UsageOrIo, await RunAsync("sign", "GET", Url, "--client", "gw-1", "--settings", settings));
        Assert.Contains("MachineClients:gw-1:Secrets:0 is missing or not base64 of at least 32 bytes.", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task Send_makes_the_signed_request_with_its_body_and_prints_the_answer()
    {
        await using var server = await VerifyingServer.StartAsync(DevVideoSecret);
        var body = Path.Combine(_directory.FullName, "alert.json");
        await File.WriteAllTextAsync(body, """{"alertId":"V-1"}""");

        var exit = await RunAsync("sign", "POST", server.Url("/api/v1/test?x=1"), "--client", "dev-video", "--body", body, "--send");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(["HTTP 200 OK", """{"verified":true,"contentType":"application/json","body":"{\"alertId\":\"V-1\"}"}"""], _output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Send_exits_with_1_when_the_server_refuses_and_prints_its_problem()
    {
        await using var server = await VerifyingServer.StartAsync(DevVideoSecret);

        Assert.Equal(ExitCodes.Problems, await RunAsync("sign", "GET", server.Url("/api/v1/test"), "--client", "dev-video", "--secret", Convert.ToBase64String(new byte[32]), "--send"));

        Assert.StartsWith("HTTP 401 Unauthorized", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_to_a_host_that_does_not_answer_says_how_to_start_one_and_exits_with_2()
    {
        Assert.Equal(ExitCodes.UsageOrIo, await RunAsync("sign", "GET", "http://127.0.0.1:9/api/v1/machine/ping", "--client", "dev-video", "--send"));

        Assert.Contains("http://127.0.0.1:9 does not answer", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("dotnet run --project functions/Lyg.Standalone", _error.ToString(), StringComparison.Ordinal);
    }

    private Dictionary<string, string> PrintedHeaders() =>
        _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1].TrimEnd('\r'));

    private static bool Verifies(Dictionary<string, string> headers, byte[] secret, string method, string path, byte[] body) =>
        RequestSignature.Matches(
            secret,
            method,
            path,
            long.Parse(headers[RequestSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture),
            headers[RequestSignature.NonceHeader],
            body,
            headers[RequestSignature.SignatureHeader]);

    private Task<int> RunAsync(params string[] args) =>
        CommandRunner.RunAsync(Commands.All, args, _output, _error, CancellationToken.None);

    /// <summary>A loopback server answering 200 to requests signed under the secret, 401 to others, echoing what it got.</summary>
    private sealed class VerifyingServer(WebApplication app, Uri address) : IAsyncDisposable
    {
        public static async Task<VerifyingServer> StartAsync(byte[] secret)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.Run(async http =>
            {
                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer);
                var body = buffer.ToArray();
                var headers = http.Request.Headers;
                var verified = long.TryParse(headers[RequestSignature.TimestampHeader], out var timestamp)
                    && RequestSignature.Matches(
                        secret, http.Request.Method, SignedRequestAuthenticator.PathAsSent(http.Request), timestamp,
                        headers[RequestSignature.NonceHeader].ToString(), body, headers[RequestSignature.SignatureHeader].ToString());
                http.Response.StatusCode = verified ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
                await http.Response.WriteAsJsonAsync(new Echo(verified, http.Request.ContentType, Encoding.UTF8.GetString(body)));
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new VerifyingServer(app, new Uri(address));
        }

        public string Url(string pathAndQuery) => new Uri(address, pathAndQuery).ToString();

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private sealed record Echo(bool Verified, string? ContentType, string Body);
}
