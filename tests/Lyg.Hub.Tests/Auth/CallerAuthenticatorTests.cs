using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Auth;

public sealed class CallerAuthenticatorTests
{
    private const string Expired = "The token has expired.";
    private const string NotValid = "The token is not valid for this service.";

    private readonly string _key = TestJwt.NewKey();
    private readonly TokenKeys _keys;
    private readonly CallerAuthenticator _authenticator;

    public CallerAuthenticatorTests()
    {
        _keys = TestJwt.Keys(_key);
        _authenticator = new CallerAuthenticator(_keys);
    }

    [Fact]
    public async Task A_valid_token_yields_the_caller_with_subject_roles_and_unit()
    {
        var token = Issue(_keys, "u-42", [Roles.Unit, Roles.Dispatcher], "water-company");

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(failure);
        Assert.NotNull(caller);
        Assert.Equal("u-42", caller.Subject);
        Assert.Equal(new HashSet<string> { Roles.Unit, Roles.Dispatcher }, caller.Roles.ToHashSet());
        Assert.Equal("water-company", caller.Unit);
    }

    [Fact]
    public async Task A_single_role_token_yields_that_role_and_no_unit()
    {
        var token = Issue(_keys, "citizen-1", [Roles.Citizen], null);

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(failure);
        Assert.Equal([Roles.Citizen], caller!.Roles);
        Assert.Null(caller.Unit);
    }

    [Fact]
    public async Task The_scheme_is_case_insensitive()
    {
        var token = Issue(_keys, "op-1", [Roles.Operator], null);

        var (caller, _) = await _authenticator.AuthenticateAsync(Request("bearer " + token));

        Assert.Equal("op-1", caller?.Subject);
    }

    [Fact]
    public async Task A_missing_header_is_refused()
    {
        var (caller, failure) = await _authenticator.AuthenticateAsync(Request(null));

        Assert.Null(caller);
        Assert.Equal("The Authorization header must carry a bearer token.", failure);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Token abc")]
    public async Task A_non_bearer_scheme_is_refused(string header)
    {
        var (caller, failure) = await _authenticator.AuthenticateAsync(Request(header));

        Assert.Null(caller);
        Assert.Equal("The Authorization header must carry a bearer token.", failure);
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    public async Task Garbage_after_the_scheme_is_refused(string header)
    {
        var (caller, failure) = await _authenticator.AuthenticateAsync(Request(header));

        Assert.Null(caller);
        Assert.Equal(NotValid, failure);
    }

    [Fact]
    public async Task An_expired_token_is_refused_as_expired()
    {
        // Issued so long ago that lifetime plus clock skew have both passed.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow - _keys.Options.DevTokenLifetime - _keys.Options.ClockSkew - TimeSpan.FromMinutes(5));
        var (token, expiresAt) = new DevTokenIssuer(_keys, past).Issue("op-1", [Roles.Operator], null);
        Assert.True(expiresAt < DateTimeOffset.UtcNow - _keys.Options.ClockSkew);

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(caller);
        Assert.Equal(Expired, failure);
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_still_accepted()
    {
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow - _keys.Options.DevTokenLifetime - TimeSpan.FromSeconds(20));
        var (token, _) = new DevTokenIssuer(_keys, past).Issue("op-1", [Roles.Operator], null);

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(failure);
        Assert.Equal("op-1", caller?.Subject);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var token = Issue(TestJwt.Keys(TestJwt.NewKey()), "op-1", [Roles.Operator], null);

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(caller);
        Assert.Equal(NotValid, failure);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        var other = TestJwt.Keys(TestJwt.Options("https://elsewhere.test", TestJwt.Audience, _key));
        var token = Issue(other, "op-1", [Roles.Operator], null);

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(caller);
        Assert.Equal(NotValid, failure);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var other = TestJwt.Keys(TestJwt.Options(TestJwt.Issuer, "some-other-api", _key));
        var token = Issue(other, "op-1", [Roles.Operator], null);

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(caller);
        Assert.Equal(NotValid, failure);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var token = Issue(_keys, "citizen-1", [Roles.Citizen], null);
        var parts = token.Split('.');
        var admin = Issue(TestJwt.Keys(TestJwt.NewKey()), "citizen-1", [Roles.Admin], null).Split('.');
        var forged = string.Join('.', parts[0], admin[1], parts[2]);

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + forged));

        Assert.Null(caller);
        Assert.Equal(NotValid, failure);
    }

    [Fact]
    public async Task Unknown_roles_are_dropped()
    {
        var token = Issue(_keys, "op-1", [Roles.Operator, "root", Roles.Gateway, "OPERATOR"], null);

        var (caller, _) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.NotNull(caller);
        Assert.Equal([Roles.Operator], caller.Roles);
    }

    [Fact]
    public async Task A_token_with_only_unknown_roles_yields_a_caller_without_roles()
    {
        var token = Issue(_keys, "machine", ["root", Roles.Hotline12345], null);

        var (caller, _) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.NotNull(caller);
        Assert.Empty(caller.Roles);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task The_unit_role_without_a_unit_is_refused(string? unit)
    {
        var token = Issue(_keys, "u-1", [Roles.Unit], unit);

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(caller);
        Assert.Equal("A token with the unit role must name its unit.", failure);
    }

    [Fact]
    public async Task A_token_without_a_subject_is_refused()
    {
        var token = Issue(_keys, "", [Roles.Operator], null);

        var (caller, failure) = await _authenticator.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(caller);
        Assert.Equal("The token has no subject.", failure);
    }

    [Fact]
    public async Task A_token_signed_with_the_first_key_validates_when_a_second_key_is_appended()
    {
        var keyA = TestJwt.NewKey();
        var token = Issue(TestJwt.Keys(keyA), "op-1", [Roles.Operator], null);
        var withSecondKey = new CallerAuthenticator(TestJwt.Keys(keyA, TestJwt.NewKey()));

        var (caller, failure) = await withSecondKey.AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(failure);
        Assert.Equal("op-1", caller?.Subject);
    }

    [Fact]
    public async Task A_token_signed_with_the_new_key_validates_during_rotation()
    {
        var keyA = TestJwt.NewKey();
        var keyB = TestJwt.NewKey();
        var token = Issue(TestJwt.Keys(keyB, keyA), "op-1", [Roles.Operator], null);

        var (caller, failure) = await new CallerAuthenticator(TestJwt.Keys(keyB, keyA)).AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(failure);
        Assert.Equal("op-1", caller?.Subject);
    }

    [Fact]
    public async Task A_token_signed_with_the_previous_key_validates_after_rotation()
    {
        var keyA = TestJwt.NewKey();
        var keyB = TestJwt.NewKey();
        var token = Issue(TestJwt.Keys(keyA), "op-1", [Roles.Operator], null);

        // Rotation puts the new key first (it signs from now on) and keeps the old one for tokens already issued.
        var (caller, failure) = await new CallerAuthenticator(TestJwt.Keys(keyB, keyA)).AuthenticateAsync(Request("Bearer " + token));

        Assert.Null(failure);
        Assert.Equal("op-1", caller?.Subject);
    }

    private static string Issue(TokenKeys keys, string subject, string[] roles, string? unit) =>
        new DevTokenIssuer(keys, TimeProvider.System).Issue(subject, roles, unit).Token;

    private static HttpRequest Request(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context.Request;
    }
}
