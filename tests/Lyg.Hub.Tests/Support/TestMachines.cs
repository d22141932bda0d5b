using System.Text;
using Azure.Data.Tables;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyg.Hub.Tests.Support;

/// <summary>Machine clients for tests: registries from settings, the gate over them, and requests signed as a client signs them.</summary>
public static class TestMachines
{
    /// <summary>Storage no test of this gate reaches: only a signed request that passes every check writes its nonce.</summary>
    public static readonly TableServiceClient UnreachedTables = new("UseDevelopmentStorage=true");

    public static MachineClientSettings Client(string kind, IEnumerable<string>? secrets = null, IEnumerable<string>? endpoints = null, IEnumerable<string>? apiKeys = null)
    {
        var client = new MachineClientSettings { Kind = kind };
        Fill(client.Secrets, secrets);
        Fill(client.Endpoints, endpoints);
        Fill(client.ApiKeys, apiKeys);
        return client;
    }

    public static MachineClientsOptions Options(params (string Id, MachineClientSettings Client)[] clients)
    {
        var options = new MachineClientsOptions();
        foreach (var (id, client) in clients)
        {
            options.Clients[id] = client;
        }

        return options;
    }

    public static MachineClients Registry(params (string Id, MachineClientSettings Client)[] clients) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(clients)));

    /// <summary>The gate every endpoint passes, over these clients, nonce storage and clock.</summary>
    public static ApiGate Gate(
        MachineClients clients, TableServiceClient tables, TimeProvider clock, SigningOptions? signing = null, TokenKeys? keys = null, ApiOptions? api = null, ILogger<ApiGate>? logger = null)
    {
        var signingOptions = Microsoft.Extensions.Options.Options.Create(signing ?? new SigningOptions());
        return new ApiGate(
            new CallerAuthenticator(keys ?? TestJwt.Keys(TestJwt.NewKey())),
            new SignedRequestAuthenticator(clients, new NonceStore(tables, signingOptions, clock), signingOptions, clock),
            new ApiKeyAuthenticator(clients),
            Microsoft.Extensions.Options.Options.Create(api ?? new ApiOptions()),
            logger ?? NullLogger<ApiGate>.Instance);
    }

    /// <summary>An endpoint outside the catalogue, for schemes and allowances no catalogue entry has yet; its handler answers 200.</summary>
    public static ApiEndpoint Endpoint(string name, string method, string route, ApiAccess access) =>
        ApiEndpoint.Of<object>(name, method, route, access, (_, _) => Task.FromResult(Results.Ok()));

    /// <summary>A request to <paramref name="pathAndQuery"/> (as sent, with <c>/api</c>), with a readable body.</summary>
    public static DefaultHttpContext Request(string method, string pathAndQuery, byte[]? body = null, string? contentType = null)
    {
        var http = new DefaultHttpContext();
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        http.Request.Method = method;
        http.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        http.Request.Body = new MemoryStream(body ?? []);
        http.Request.ContentLength = body?.Length;
        http.Request.ContentType = contentType;
        return http;
    }

    /// <summary>Puts the four signature headers on the request, signed over what it carries.</summary>
    public static DefaultHttpContext Sign(this DefaultHttpContext http, string clientId, string secret, long timestamp, string? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = ((MemoryStream)http.Request.Body).ToArray();
        nonce ??= NewNonce();
        var path = http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent();
        http.Request.Headers[RequestSignature.ClientHeader] = clientId;
        http.Request.Headers[RequestSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Request.Headers[RequestSignature.NonceHeader] = nonce;
        http.Request.Headers[RequestSignature.SignatureHeader] =
            RequestSignature.Sign(Convert.FromBase64String(secret), http.Request.Method, path, timestamp, nonce, body);
        return http;
    }

    /// <summary>Asserts the gate refuses the request with this status and reason as problem+json, attaching no caller.</summary>
    public static async Task<ExecutedResult> RefusedAsync(this ApiGate gate, DefaultHttpContext http, ApiEndpoint endpoint, int status, string reason)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(http);
        var refusal = await gate.AdmitAsync(http, endpoint);

        Assert.NotNull(refusal);
        var answer = await ResultRunner.ExecuteAsync(refusal, http);
        Assert.Equal(status, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal(reason, answer.Reason);
        Assert.Null(http.Features.Get<Caller>());
        return answer;
    }

    public static string NewNonce() => "n-" + Guid.NewGuid().ToString("N");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static void Fill(IList<string> list, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            list.Add(value);
        }
    }
}
