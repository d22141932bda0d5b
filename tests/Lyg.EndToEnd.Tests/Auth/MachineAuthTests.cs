using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Testing;
using static Lyg.EndToEnd.Tests.Auth.MachineRequests;

namespace Lyg.EndToEnd.Tests.Auth;

/// <summary>
/// Machine clients over real HTTP against the standalone host on Azurite: the sample clients ping, a nonce replayed to a
/// second host sharing the storage is refused, each scheme is refused on the endpoints of another, and the sign tool
/// calls the hub as a newcomer would.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class MachineAuthTests(HubFixture hub)
{
    private const string Ping = "/api/v1/machine/ping";

    public static TheoryData<string> SampleClients() => [.. Samples.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SampleClients))]
    public async Task Every_sample_client_signs_the_ping_and_is_answered_its_id_and_kind(string clientId)
    {
        using var request = Signed(HttpMethod.Get, Ping, clientId);

        using var response = await hub.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MachineIdentity(clientId, Samples[clientId].Kind), await response.Content.ReadFromJsonAsync(LygJsonContext.Default.MachineIdentity));
    }

    [Fact]
    public async Task The_path_is_verified_as_sent_with_its_query_and_escapes()
    {
        using var request = Signed(HttpMethod.Get, Ping + "?unit=DEPT%2FCGJ&q=%E4%BA%95", "dev-gateway");

        using var response = await hub.Host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_nonce_replayed_to_a_second_host_sharing_the_storage_is_refused_and_nothing_is_written()
    {
        await using var second = await StandaloneHost.StartAsync(
            hub.Azurite.ConnectionString, "e2emachine", new Dictionary<string, string> { ["Standalone__Roles"] = "api", ["Durable__WorkerId"] = "e2e-machine-api" });
        using var original = Signed(HttpMethod.Get, Ping, "dev-upstream");
        using var replay = Copy(original);

        using var first = await hub.Host.Anonymous.SendAsync(original);
        var noncesAfterFirst = await CountNoncesAsync("dev-upstream");
        using var replayed = await second.Anonymous.SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await replayed.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("nonce-replayed", problem.GetProperty("reason").GetString());
        Assert.Equal("Lyg-HMAC-SHA256", replayed.Headers.WwwAuthenticate.ToString());
        Assert.Equal(noncesAfterFirst, await CountNoncesAsync("dev-upstream"));

        // The second host admits what is new to both.
        using var fresh = await second.Anonymous.SendAsync(Signed(HttpMethod.Get, Ping, "dev-upstream"));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_on_the_ping_is_refused_naming_the_signature_scheme()
    {
        var admin = await hub.Host.ClientForAsync("admin-machine-1", Roles.Admin);

        using var response = await admin.GetAsync(Ping.TrimStart('/'));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("wrong-scheme", problem.GetProperty("reason").GetString());
        Assert.Equal("Lyg-HMAC-SHA256", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_signed_request_to_a_bearer_endpoint_is_refused_even_beside_a_valid_token()
    {
        var operatorToken = (await hub.Host.ClientForAsync("operator-machine-1", Roles.Operator)).DefaultRequestHeaders.Authorization;
        using var signedOnly = Signed(HttpMethod.Get, "/api/v1/cases", "dev-gateway");
        using var signedWithToken = Signed(HttpMethod.Get, "/api/v1/cases", "dev-gateway");
        signedWithToken.Headers.Authorization = operatorToken;

        foreach (var request in new[] { signedOnly, signedWithToken })
        {
            using var response = await hub.Host.Anonymous.SendAsync(request);

            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("wrong-scheme", problem.GetProperty("reason").GetString());
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Theory]
    [InlineData("missing-signature-headers")]
    [InlineData("signature-mismatch")]
    [InlineData("timestamp-out-of-range")]
    [InlineData("unknown-client")]
    public async Task A_refused_signed_request_writes_no_nonce(string reason)
    {
        var before = await CountNoncesAsync("dev-video");
        using var request = reason switch
        {
            "missing-signature-headers" => new HttpRequestMessage(HttpMethod.Get, Ping.TrimStart('/')),
            "signature-mismatch" => Signed(HttpMethod.Get, Ping, "dev-video", secret: new byte[32]),
            "timestamp-out-of-range" => Signed(HttpMethod.Get, Ping, "dev-video", timestamp: DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds()),
            _ => Signed(HttpMethod.Get, Ping, "dev-unknown", secret: Samples["dev-video"].Secret),
        };

        using var response = await hub.Host.Anonymous.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal(before, await CountNoncesAsync("dev-video"));
    }

    [Fact]
    public async Task The_sign_tool_calls_the_ping_with_a_sample_client()
    {
        var (exitCode, output) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "sign", "GET", new Uri(hub.Host.BaseAddress, "api/v1/machine/ping").ToString(), "--client", "dev-county", "--send");

        Assert.True(exitCode == 0, output);
        Assert.Contains("HTTP 200 OK", output, StringComparison.Ordinal);
        Assert.Contains("""{"clientId":"dev-county","kind":"county"}""", output, StringComparison.Ordinal);
    }

    private async Task<int> CountNoncesAsync(string clientId)
    {
        var nonces = new TableServiceClient(hub.Azurite.ConnectionString).GetTableClient("Nonces");
        var count = 0;
        await foreach (var _ in nonces.QueryAsync<TableEntity>(e => e.PartitionKey == clientId, select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}
