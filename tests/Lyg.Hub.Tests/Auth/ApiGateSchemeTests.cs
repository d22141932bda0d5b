using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Support.TestMachines;

namespace Lyg.Hub.Tests.Auth;

/// <summary>
/// The gate by the endpoint's scheme: each scheme refuses the credentials of the others (401 wrong-scheme, challenging
/// for its own), and Open311 clients are admitted by their api_key in the query or the form. No storage is reached: a
/// request refused or admitted by api_key writes nothing.
/// </summary>
public sealed class ApiGateSchemeTests
{
    private const string ApiKey = "open311-test-key-0123456789";

    /// <summary>An Open311 endpoint, as GeoReport v2's POST requests will be.</summary>
    private static readonly ApiEndpoint Requests = Endpoint("TestOpen311Requests", HttpMethods.Post, "open311/v2/requests.json", ApiAccess.Open311(Roles.Open311));

    private readonly TokenKeys _keys = TestJwt.Keys(TestJwt.NewKey());
    private readonly string _secret = TestJwt.NewKey();
    private readonly ApiGate _gate;

    public ApiGateSchemeTests()
    {
        var clients = Registry(
            ("gw-1", Client(Roles.Gateway, [_secret])),
            ("city-app", Client(Roles.Open311, apiKeys: [ApiKey])),
            ("pinger-311", Client(Roles.Open311, [_secret], endpoints: [ApiEndpointNames.MachinePing], apiKeys: ["open311-ping-only-key-0001"])));
        _gate = Gate(clients, UnreachedTables, TimeProvider.System, keys: _keys);
    }

    [Fact]
    public async Task A_bearer_token_on_a_signed_endpoint_is_refused_naming_the_signature_scheme()
    {
        var http = Request("GET", "/api/v1/machine/ping");
        http.Request.Headers.Authorization = "Bearer " + Token(Roles.Admin);

        var answer = await _gate.RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.WrongScheme);

        Assert.Equal(SignedRequestAuthenticator.Scheme, answer.Headers.WWWAuthenticate.ToString());
        Assert.Equal("MachinePing takes a signed request (X-Lyg-Client, X-Lyg-Timestamp, X-Lyg-Nonce, X-Lyg-Signature), not a bearer token (Authorization).", answer.Detail);
    }

    [Fact]
    public async Task A_signed_request_that_also_carries_a_bearer_token_is_refused()
    {
        var http = Request("GET", "/api/v1/machine/ping").Sign("gw-1", _secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        http.Request.Headers.Authorization = "Bearer " + Token(Roles.Admin);

        await _gate.RefusedAsync(http, ApiEndpoints.MachinePing, StatusCodes.Status401Unauthorized, RefusalReasons.WrongScheme);
    }

    [Fact]
    public async Task Signature_headers_on_a_bearer_endpoint_are_refused_even_beside_a_valid_token()
    {
        var http = Request("GET", "/api/v1/cases").Sign("gw-1", _secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        http.Request.Headers.Authorization = "Bearer " + Token(Roles.Operator);

        var answer = await _gate.RefusedAsync(http, ApiEndpoints.ListCases, StatusCodes.Status401Unauthorized, RefusalReasons.WrongScheme);

        Assert.Equal("Bearer", answer.Headers.WWWAuthenticate.ToString());
        Assert.StartsWith("ListCases takes a bearer token (Authorization), not a signed request", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_signature_header_alone_on_a_bearer_endpoint_is_refused()
    {
        var http = Request("GET", "/api/v1/cases");
        http.Request.Headers[RequestSignature.ClientHeader] = "gw-1";

        await _gate.RefusedAsync(http, ApiEndpoints.ListCases, StatusCodes.Status401Unauthorized, RefusalReasons.WrongScheme);
    }

    [Theory]
    [InlineData("/api/v1/machine/ping?api_key=" + ApiKey, "MachinePing")]
    [InlineData("/api/v1/cases?api_key=" + ApiKey, "ListCases")]
    public async Task An_api_key_on_an_endpoint_of_another_scheme_is_refused(string path, string endpoint)
    {
        var http = Request("GET", path);

        var answer = await _gate.RefusedAsync(http, ApiEndpoints.FindByName(endpoint)!, StatusCodes.Status401Unauthorized, RefusalReasons.WrongScheme);

        Assert.EndsWith("not an Open311 api_key.", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_endpoint_ignores_whatever_credentials_come_along()
    {
        var http = Request("GET", "/api/health?api_key=x").Sign("gw-1", _secret, 0);
        http.Request.Headers.Authorization = "Bearer nonsense";

        Assert.Null(await _gate.AdmitAsync(http, ApiEndpoints.Health));
    }

    [Fact]
    public async Task An_open311_client_is_admitted_by_its_api_key_in_the_query()
    {
        var http = Request("POST", "/api/open311/v2/requests.json?api_key=" + ApiKey);

        Assert.Null(await _gate.AdmitAsync(http, Requests));

        var caller = http.GetCaller();
        Assert.Equal((Caller.MachineIssuer, "city-app", Roles.Open311), (caller.Issuer, caller.Subject, caller.ActingAs));
    }

    [Fact]
    public async Task An_open311_client_is_admitted_by_its_api_key_in_the_form_and_the_handler_reads_the_same_form()
    {
        var http = Request("POST", "/api/open311/v2/requests.json", Utf8($"api_key={ApiKey}&service_code=0101&lat=34.59&long=119.22"), "application/x-www-form-urlencoded");

        Assert.Null(await _gate.AdmitAsync(http, Requests));

        Assert.Equal("city-app", http.GetCaller().Subject);
        Assert.Equal("0101", (await http.Request.ReadFormAsync()).Single(f => f.Key == "service_code").Value.ToString());
    }

    [Theory]
    [InlineData("/api/open311/v2/requests.json", RefusalReasons.MissingApiKey)]
    [InlineData("/api/open311/v2/requests.json?api_key=", RefusalReasons.MissingApiKey)]
    [InlineData("/api/open311/v2/requests.json?api_key=open311-test-key-0123456780", RefusalReasons.BadApiKey)]
    [InlineData("/api/open311/v2/requests.json?api_key=OPEN311-TEST-KEY-0123456789", RefusalReasons.BadApiKey)]
    [InlineData("/api/open311/v2/requests.json?api_key=" + ApiKey + "&api_key=" + ApiKey, RefusalReasons.BadApiKey)]
    public async Task A_missing_or_unknown_api_key_is_refused_with_a_challenge_for_it(string path, string reason)
    {
        var http = Request("POST", path);

        var answer = await _gate.RefusedAsync(http, Requests, StatusCodes.Status401Unauthorized, reason);

        Assert.Equal(ApiKeyAuthenticator.Scheme, answer.Headers.WWWAuthenticate.ToString());
        Assert.DoesNotContain(ApiKey, answer.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_that_cannot_be_read_is_answered_400()
    {
        var http = Request("POST", "/api/open311/v2/requests.json", Utf8("--x\r\nbroken"), "multipart/form-data; boundary=x");

        var answer = await ResultRunner.ExecuteAsync((await _gate.AdmitAsync(http, Requests))!, http);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("signature")]
    public async Task Credentials_of_another_scheme_on_an_open311_endpoint_are_refused(string presented)
    {
        var http = Request("POST", "/api/open311/v2/requests.json?api_key=" + ApiKey);
        if (presented == "bearer")
        {
            http.Request.Headers.Authorization = "Bearer " + Token(Roles.Citizen);
        }
        else
        {
            http.Sign("gw-1", _secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }

        await _gate.RefusedAsync(http, Requests, StatusCodes.Status401Unauthorized, RefusalReasons.WrongScheme);
    }

    [Fact]
    public async Task An_open311_client_restricted_to_other_endpoints_is_refused_403()
    {
        var http = Request("POST", "/api/open311/v2/requests.json?api_key=open311-ping-only-key-0001");

        await _gate.RefusedAsync(http, Requests, StatusCodes.Status403Forbidden, RefusalReasons.EndpointNotAllowed);
    }

    private string Token(string role) => new DevTokenIssuer(_keys, TimeProvider.System).Issue("person-1", [role], null).Token;
}
