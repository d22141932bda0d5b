using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Auth;

public sealed class ApiGateTests
{
    private readonly TokenKeys _keys = TestJwt.Keys(TestJwt.NewKey());
    private readonly ApiGate _gate;

    public ApiGateTests()
    {
        _gate = new ApiGate(new CallerAuthenticator(_keys));
    }

    [Fact]
    public async Task An_anonymous_endpoint_admits_a_request_without_a_token()
    {
        var http = new DefaultHttpContext();

        var problem = await _gate.AdmitAsync(http, ApiEndpoints.Health);

        Assert.Null(problem);
        Assert.Null(http.Features.Get<Caller>());
    }

    [Fact]
    public async Task A_missing_token_is_answered_401_with_a_bearer_challenge()
    {
        var http = new DefaultHttpContext();

        var problem = await _gate.AdmitAsync(http, ApiEndpoints.GetCase);

        Assert.NotNull(problem);
        var answer = await ResultRunner.ExecuteAsync(problem, http);
        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("Bearer", answer.Headers.WWWAuthenticate.ToString());
        Assert.Equal("https://lyg-serverless.dev/problems/unauthenticated", answer.ProblemType);
        Assert.Equal(401, answer.Body.GetProperty("status").GetInt32());
        Assert.Contains("bearer token", answer.Detail, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(http.GetCaller);
    }

    [Fact]
    public async Task An_expired_token_is_answered_401_saying_so()
    {
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromDays(2));
        var http = WithToken(new DevTokenIssuer(_keys, past).Issue("op-1", [Roles.Operator], null).Token);

        var answer = await ResultRunner.ExecuteAsync((await _gate.AdmitAsync(http, ApiEndpoints.GetCase))!, http);

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Status);
        Assert.Equal("The token has expired.", answer.Detail);
    }

    [Fact]
    public async Task A_caller_without_an_allowed_role_is_answered_403()
    {
        var http = WithToken(Issue("op-1", Roles.Operator));

        var problem = await _gate.AdmitAsync(http, ApiEndpoints.SubmitReport);

        Assert.NotNull(problem);
        var answer = await ResultRunner.ExecuteAsync(problem, http);
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/forbidden", answer.ProblemType);
        Assert.Equal("SubmitReport needs one of the roles: citizen, inspector.", answer.Detail);
        Assert.False(answer.Headers.ContainsKey("WWW-Authenticate"));
        Assert.Null(http.Features.Get<Caller>());
    }

    [Fact]
    public async Task A_caller_whose_roles_were_all_unknown_is_answered_403()
    {
        var http = WithToken(Issue("robot", "root"));

        var answer = await ResultRunner.ExecuteAsync((await _gate.AdmitAsync(http, ApiEndpoints.GetCase))!, http);

        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
    }

    [Fact]
    public async Task A_caller_with_an_allowed_role_is_admitted_and_attached()
    {
        var http = WithToken(Issue("citizen-7", Roles.Citizen));

        var problem = await _gate.AdmitAsync(http, ApiEndpoints.SubmitReport);

        Assert.Null(problem);
        var caller = http.GetCaller();
        Assert.Equal("citizen-7", caller.Subject);
        Assert.Equal([Roles.Citizen], caller.Roles);
    }

    private string Issue(string subject, params string[] roles) =>
        new DevTokenIssuer(_keys, TimeProvider.System).Issue(subject, roles, null).Token;

    private static DefaultHttpContext WithToken(string token)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "Bearer " + token;
        return http;
    }
}
