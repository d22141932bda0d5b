using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Dev;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.Dev;

public sealed class IssueDevTokenTests
{
    [Theory]
    [InlineData(Roles.Citizen, null)]
    [InlineData(Roles.Admin, null)]
    [InlineData(Roles.Unit, "water-company")]
    public void A_person_with_a_known_role_is_valid(string role, string? unit)
    {
        Assert.Empty(IssueDevToken.Validate(new DevTokenRequest("p-1", [role], unit)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_subject_is_required(string? subject)
    {
        Assert.Equal(["subject"], IssueDevToken.Validate(new DevTokenRequest(subject, [Roles.Citizen], null)).Keys);
    }

    [Fact]
    public void A_subject_may_have_64_characters_but_not_more()
    {
        Assert.Empty(IssueDevToken.Validate(new DevTokenRequest(new string('s', IssueDevToken.MaxSubjectLength), [Roles.Citizen], null)));
        Assert.Equal(["subject"], IssueDevToken.Validate(new DevTokenRequest(new string('s', IssueDevToken.MaxSubjectLength + 1), [Roles.Citizen], null)).Keys);
    }

    [Fact]
    public void At_least_one_role_is_required()
    {
        Assert.Equal(["roles"], IssueDevToken.Validate(new DevTokenRequest("p-1", null, null)).Keys);
        Assert.Equal(["roles"], IssueDevToken.Validate(new DevTokenRequest("p-1", [], null)).Keys);
    }

    [Fact]
    public void A_null_role_is_refused()
    {
        var errors = IssueDevToken.Validate(new DevTokenRequest("p-1", [Roles.Operator, null], null));

        Assert.Equal("'null' is not a role of a person.", Assert.Single(errors["roles"]).Split(" Known:")[0]);
    }

    [Theory]
    [InlineData("root")]
    [InlineData(Roles.Gateway)]
    [InlineData(Roles.Hotline12345)]
    [InlineData("Operator")]
    public void A_role_that_is_not_a_persons_is_refused_by_name(string role)
    {
        var errors = IssueDevToken.Validate(new DevTokenRequest("p-1", [Roles.Operator, role], null));

        Assert.Equal(["roles"], errors.Keys);
        Assert.StartsWith($"'{role}' is not a role of a person.", Assert.Single(errors["roles"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void The_unit_role_needs_a_unit(string? unit)
    {
        Assert.Equal(["unit"], IssueDevToken.Validate(new DevTokenRequest("p-1", [Roles.Dispatcher, Roles.Unit], unit)).Keys);
    }

    [Fact]
    public async Task A_valid_request_is_answered_with_a_token_the_authenticator_accepts()
    {
        var keys = TestJwt.Keys(TestJwt.NewKey());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var handler = new IssueDevToken(new DevTokenIssuer(keys, clock));
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream("""{"subject":"u-9","roles":["unit","unit"],"unit":"gas-company"}"""u8.ToArray());

        var answer = await ResultRunner.ExecuteAsync(await handler.HandleAsync(http));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(clock.GetUtcNow() + keys.Options.DevTokenLifetime, answer.Body.GetProperty("expiresAt").GetDateTimeOffset());
        var bearer = new DefaultHttpContext();
        bearer.Request.Headers.Authorization = "Bearer " + answer.Body.GetProperty("accessToken").GetString();
        var (caller, failure) = await new CallerAuthenticator(keys).AuthenticateAsync(bearer.Request);
        Assert.Null(failure);
        Assert.Equal(new Caller(TestJwt.Issuer, "u-9", caller!.Roles, "gas-company"), caller);
        Assert.Equal([Roles.Unit], caller.Roles);
    }

    [Fact]
    public async Task An_invalid_request_is_answered_with_a_validation_problem()
    {
        var handler = new IssueDevToken(new DevTokenIssuer(TestJwt.Keys(TestJwt.NewKey()), TimeProvider.System));
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream("""{"subject":"","roles":["unit"]}"""u8.ToArray());

        var answer = await ResultRunner.ExecuteAsync(await handler.HandleAsync(http));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["subject", "unit"], answer.ErrorFields.Order(StringComparer.Ordinal));
    }
}
