using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.TestMachines;

namespace Lyg.Hub.Tests.Auth;

/// <summary>
/// Signed requests through the gate, over a private Azurite: every kind of failure with its status and reason, each
/// leaving no nonce behind; rotation; the body still readable for the handler.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class SignedRequestAuthenticatorTests
{
    private const string Ping = "/api/v1/machine/ping";

    /// <summary>A signed endpoint taking a body, as the 12345 work orders will.</summary>
    private static readonly ApiEndpoint WorkOrders = Endpoint("TestWorkOrders", HttpMethods.Post, "v1/test/work-orders", ApiAccess.Machines(Roles.Hotline12345));

    private readonly AzuriteFixture _azurite;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_764_547_200));
    private readonly string _secret = TestJwt.NewKey();
    private readonly string _id = "hotline-" + Guid.NewGuid().ToString("N")[..12];
    private readonly ApiGate _gate;

    public SignedRequestAuthenticatorTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _gate = GateFor(Client(Roles.Hotline12345, [_secret]));
    }

    private long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task A_correctly_signed_request_is_admitted_as_the_client_acting_in_its_kind_and_its_nonce_recorded()
    {
        var http = Request("GET", Ping).Sign(_id, _secret, Now, "nonce-0001");

        Assert.Null(await _gate.AdmitAsync(http, ApiEndpoints.MachinePing));

        var caller = http.GetCaller();
        Assert.Equal((Caller.MachineIssuer, _id, Roles.Hotline12345), (caller.Issuer, caller.Subject, caller.ActingAs));
        Assert.Equal([Roles.Hotline12345], caller.Roles);
        Assert.Equal([NonceStore.RowKey("nonce-0001")], await NoncesAsync());
    }

    public static TheoryData<string> SignatureHeaders() =>
        [RequestSignature.ClientHeader, RequestSignature.TimestampHeader, RequestSignature.NonceHeader, RequestSignature.SignatureHeader];

    [Theory]
    [MemberData(nameof(SignatureHeaders))]
    public async Task A_missing_header_is_refused_naming_it(string header)
    {
        var http = Request("GET", Ping).Sign(_id, _secret, Now);
        http.Request.Headers.Remove(header);

        var problem = await RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.MissingSignatureHeaders);

        Assert.EndsWith($"missing: {header}.", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_with_a_challenge_naming_the_signature_scheme()
    {
        var http = Request("GET", Ping);

        await RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.MissingSignatureHeaders);

        Assert.Equal(SignedRequestAuthenticator.Scheme, http.Response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task A_header_sent_twice_is_refused()
    {
        var http = Request("GET", Ping).Sign(_id, _secret, Now);
        http.Request.Headers[RequestSignature.NonceHeader] = new([http.Request.Headers[RequestSignature.NonceHeader].ToString(), "nonce-0002"]);

        await RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.RepeatedSignatureHeader);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1764547200")]
    [InlineData("1764547200.5")]
    [InlineData("+1764547200")]
    [InlineData(" 1764547200")]
    [InlineData("１７６４５４７２００")]
    [InlineData("9999999999999999999")]
    public async Task A_timestamp_that_is_not_unix_seconds_in_digits_is_malformed(string timestamp)
    {
        var http = Request("GET", Ping).Sign(_id, _secret, Now);
        http.Request.Headers[RequestSignature.TimestampHeader] = timestamp;

        await RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.MalformedTimestamp);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("seven-7")]
    [InlineData("with space")]
    [InlineData("tab\tbed-nonce")]
    [InlineData("非ASCII的随机数-123")]
    [InlineData("a-nonce-of-sixty-five-characters-is-one-more-than-allowed-0123456")]
    public async Task A_nonce_that_is_not_8_to_64_visible_ascii_characters_is_malformed(string nonce)
    {
        var http = Request("GET", Ping).Sign(_id, _secret, Now, nonce);

        await RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.MalformedNonce);
    }

    [Theory]
    [InlineData("nobody-here")]
    [InlineData("HOTLINE-UPPER")]
    [InlineData("../../etc")]
    public async Task An_unknown_client_is_refused(string clientId)
    {
        var http = Request("GET", Ping).Sign(clientId, _secret, Now);

        await RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.UnknownClient);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    [InlineData(-1_764_547_200)]
    public async Task A_timestamp_further_than_the_skew_from_the_hubs_clock_is_refused(int offset)
    {
        var http = Request("GET", Ping).Sign(_id, _secret, Now + offset);

        var problem = await RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.TimestampOutOfRange);

        Assert.Contains($"is {offset} s from the hub's clock ({Now})", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public async Task A_timestamp_at_the_edge_of_the_skew_is_accepted(int offset)
    {
        Assert.Null(await _gate.AdmitAsync(Request("GET", Ping).Sign(_id, _secret, Now + offset), ApiEndpoints.MachinePing));
    }

    [Fact]
    public async Task The_skew_is_configurable()
    {
        var gate = GateFor(Client(Roles.Hotline12345, [_secret]), new SigningOptions { ClockSkew = TimeSpan.FromSeconds(30) });

        var http = Request("GET", Ping).Sign(_id, _secret, Now - 31);
        var answer = await ResultRunner.ExecuteAsync((await gate.AdmitAsync(http, ApiEndpoints.MachinePing))!, http);

        Assert.Equal(RefusalReasons.TimestampOutOfRange, answer.Reason);
    }

    [Fact]
    public async Task A_signature_under_another_secret_is_refused_showing_the_text_the_hub_verified()
    {
        var http = Request("GET", Ping + "?probe=1").Sign(_id, TestJwt.NewKey(), Now, "nonce-0001");

        var problem = await RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.SignatureMismatch);

        Assert.Contains(
            "\"GET\\n/api/v1/machine/ping?probe=1\\n1764547200\\nnonce-0001\\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"",
            problem.Detail,
            StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, problem.Body.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> Tamperings() => ["method", "path", "query", "body", "timestamp", "nonce", "signature"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_request_changed_after_signing_is_refused(string tampered)
    {
        var http = Request("POST", "/api/v1/test/work-orders?batch=1", Utf8("""{"workOrderNo":"GD2026120100001"}"""), "application/json").Sign(_id, _secret, Now);
        var headers = http.Request.Headers;
        switch (tampered)
        {
            case "method": http.Request.Method = "PUT"; break;
            case "path": http.Request.Path = "/v1/test/work-orders"; break;
            case "query": http.Request.QueryString = new QueryString("?batch=2"); break;
            case "body": http.Request.Body = new MemoryStream(Utf8("""{"workOrderNo":"GD2026120100002"}""")); break;
            case "timestamp": headers[RequestSignature.TimestampHeader] = (Now + 1).ToString(System.Globalization.CultureInfo.InvariantCulture); break;
            case "nonce": headers[RequestSignature.NonceHeader] = NewNonce(); break;
            default: headers[RequestSignature.SignatureHeader] = "not base64!"; break;
        }

        await RefusedAsync(http, WorkOrders, StatusCodes.Status401Unauthorized, RefusalReasons.SignatureMismatch);
    }

    [Fact]
    public async Task The_path_is_verified_as_sent_with_its_escapes()
    {
        // Kestrel keeps the target as sent; the decoded path would lose %2F and sign another text.
        var sent = "/api/v1/machine/ping?unit=DEPT%2FCGJ&q=%E4%BA%95";
        var http = Request("GET", Ping);
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = sent;
        http.Request.Headers[RequestSignature.ClientHeader] = _id;
        http.Request.Headers[RequestSignature.TimestampHeader] = Now.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Request.Headers[RequestSignature.NonceHeader] = "nonce-raw-1";
        http.Request.Headers[RequestSignature.SignatureHeader] = RequestSignature.Sign(Convert.FromBase64String(_secret), "GET", sent, Now, "nonce-raw-1", []);

        Assert.Null(await _gate.AdmitAsync(http, ApiEndpoints.MachinePing));
    }

    [Fact]
    public async Task The_body_stays_readable_for_the_handler_after_verification()
    {
        var body = """{"workOrderNo":"GD2026120100001","content":"井盖缺失"}""";
        var http = Request("POST", "/api/v1/test/work-orders", Utf8(body), "application/json").Sign(_id, _secret, Now);

        Assert.Null(await _gate.AdmitAsync(http, WorkOrders));

        using var reader = new StreamReader(http.Request.Body);
        Assert.Equal(body, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_answered_413_before_any_signature_check()
    {
        var gate = GateFor(Client(Roles.Hotline12345, [_secret]), new SigningOptions { MaxBodyBytes = 1024 });
        var http = Request("POST", "/api/v1/test/work-orders", new byte[1025], "application/json").Sign(_id, _secret, Now);

        var answer = await ResultRunner.ExecuteAsync((await gate.AdmitAsync(http, WorkOrders))!, http);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, answer.Status);
        Assert.Empty(await NoncesAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_content_length_is_answered_413()
    {
        var gate = GateFor(Client(Roles.Hotline12345, [_secret]), new SigningOptions { MaxBodyBytes = 1024 });
        var http = Request("POST", "/api/v1/test/work-orders", new byte[20_000], "application/json").Sign(_id, _secret, Now);
        http.Request.ContentLength = null;

        var answer = await ResultRunner.ExecuteAsync((await gate.AdmitAsync(http, WorkOrders))!, http);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, answer.Status);
        Assert.Empty(await NoncesAsync());
    }

    [Fact]
    public async Task A_client_outside_its_configured_endpoints_is_refused_403()
    {
        var gate = GateFor(Client(Roles.Hotline12345, [_secret], endpoints: [ApiEndpointNames.MachinePing]));

        Assert.Null(await gate.AdmitAsync(Request("GET", Ping).Sign(_id, _secret, Now), ApiEndpoints.MachinePing));
        var http = Request("POST", "/api/v1/test/work-orders", Utf8("{}"), "application/json").Sign(_id, _secret, Now);
        var problem = await RefusedAsync(http, WorkOrders, StatusCodes.Status403Forbidden, RefusalReasons.EndpointNotAllowed, gate, noncesLeft: 1);

        Assert.Equal($"{_id} may not call TestWorkOrders.", problem.Detail);
        Assert.False(http.Response.Headers.ContainsKey("WWW-Authenticate"));
    }

    [Fact]
    public async Task A_client_of_a_kind_the_endpoint_does_not_admit_is_refused_403()
    {
        var gate = GateFor(Client(Roles.Gateway, [_secret]));
        var http = Request("POST", "/api/v1/test/work-orders", Utf8("{}"), "application/json").Sign(_id, _secret, Now);

        await RefusedAsync(http, WorkOrders, StatusCodes.Status403Forbidden, RefusalReasons.EndpointNotAllowed, gate);
    }

    [Fact]
    public async Task A_nonce_used_before_is_refused_as_a_replay_even_with_a_fresh_timestamp()
    {
        Assert.Null(await _gate.AdmitAsync(Request("GET", Ping).Sign(_id, _secret, Now, "nonce-0001"), ApiEndpoints.MachinePing));
        _clock.Advance(TimeSpan.FromSeconds(10));

        var replay = Request("GET", Ping).Sign(_id, _secret, Now, "nonce-0001");
        var problem = await RefusedAsync(replay, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.NonceReplayed, noncesLeft: 1);

        Assert.Contains("used before", problem.Detail, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(replay.GetCaller);
    }

    [Fact]
    public async Task During_rotation_both_secrets_verify_and_once_the_old_one_is_removed_it_no_longer_does()
    {
        var next = TestJwt.NewKey();
        var rotating = GateFor(Client(Roles.Hotline12345, [_secret, next]));

        Assert.Null(await rotating.AdmitAsync(Request("GET", Ping).Sign(_id, _secret, Now), ApiEndpoints.MachinePing));
        Assert.Null(await rotating.AdmitAsync(Request("GET", Ping).Sign(_id, next, Now), ApiEndpoints.MachinePing));

        var rotated = GateFor(Client(Roles.Hotline12345, [next]));
        Assert.Null(await rotated.AdmitAsync(Request("GET", Ping).Sign(_id, next, Now), ApiEndpoints.MachinePing));
        await RefusedAsync(Request("GET", Ping).Sign(_id, _secret, Now), ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.SignatureMismatch, rotated, noncesLeft: 3);
    }

    [Fact]
    public async Task A_signed_request_while_storage_does_not_answer_is_answered_503_and_not_admitted()
    {
        var down = new TableServiceClient(
            new Uri("http://127.0.0.1:9/devstoreaccount1"),
            new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])),
            new TableClientOptions { Retry = { MaxRetries = 0 } });
        var gate = Gate(Registry((_id, Client(Roles.Hotline12345, [_secret]))), down, _clock);
        var http = Request("GET", Ping).Sign(_id, _secret, Now);
        var ran = false;

        var answer = await ResultRunner.ExecuteAsync((IResult)(await gate.RunAsync(http, ApiEndpoints.MachinePing, () =>
        {
            ran = true;
            return Task.FromResult<object?>(Results.Ok());
        }))!, http);

        Assert.False(ran);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
    }

    private ApiGate GateFor(MachineClientSettings client, SigningOptions? signing = null) =>
        Gate(Registry((_id, client)), _azurite.Tables, _clock, signing);

    /// <summary>Asserts the refusal and that the refused request left no nonce beyond <paramref name="noncesLeft"/> earlier ones.</summary>
    private async Task<ExecutedResult> RefusedAsync(
        DefaultHttpContext http, ApiEndpoint endpoint, int status, string reason, ApiGate? gate = null, int noncesLeft = 0)
    {
        var answer = await (gate ?? _gate).RefusedAsync(http, endpoint, status, reason);

        Assert.Equal(noncesLeft, (await NoncesAsync()).Count);
        return answer;
    }

    private async Task<List<string>> NoncesAsync()
    {
        var rows = new List<string>();
        await foreach (var row in _azurite.Tables.GetTableClient(TableNames.Nonces).QueryAsync<TableEntity>(e => e.PartitionKey == _id))
        {
            rows.Add(row.RowKey);
        }

        return rows;
    }
}
