using Azure;
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
        _gate = TestJwt.Gate(_keys);
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

    [Fact]
    public async Task A_role_the_token_does_not_hold_cannot_be_requested()
    {
        var http = WithToken(Issue("citizen-7", Roles.Citizen));
        http.Request.Headers[Caller.RoleHeader] = Roles.Inspector;

        var answer = await ResultRunner.ExecuteAsync((await _gate.AdmitAsync(http, ApiEndpoints.SubmitReport))!, http);

        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        Assert.Equal("X-Lyg-Role names 'inspector', a role the token does not hold.", answer.Detail);
    }

    [Theory]
    [InlineData(null, Roles.Inspector)]
    [InlineData(Roles.Citizen, Roles.Citizen)]
    [InlineData(Roles.Inspector, Roles.Inspector)]
    public async Task A_person_with_several_roles_acts_in_the_one_requested_or_else_the_most_accountable(string? requested, string acting)
    {
        var http = WithToken(Issue("both-1", Roles.Citizen, Roles.Inspector));
        if (requested is not null)
        {
            http.Request.Headers[Caller.RoleHeader] = requested;
        }

        Assert.Null(await _gate.AdmitAsync(http, ApiEndpoints.SubmitReport));
        Assert.Equal(acting, http.GetCaller().ActingAs);
        Assert.Equal(TestJwt.Issuer, http.GetCaller().Issuer);
    }

    [Fact]
    public async Task A_handler_that_outlives_the_budget_is_answered_503_with_retry_after_and_no_location()
    {
        var gate = TestJwt.Gate(_keys, new ApiOptions { RequestTimeout = TimeSpan.FromMilliseconds(200), RetryAfter = TimeSpan.FromSeconds(7) });
        var http = new DefaultHttpContext();

        var answer = await RunAsync(gate, http, async () =>
        {
            http.Response.Headers.Location = "/api/v1/cases/half-made";
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
            return null;
        });

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("7", answer.Headers.RetryAfter.ToString());
        Assert.False(answer.Headers.ContainsKey("Location"));
        Assert.Contains("within 0.2 s", answer.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<Exception> Outages() => new()
    {
        new RequestFailedException("connection refused"),
        new RequestFailedException(503, "server busy"),
        new AggregateException(new RequestFailedException("timed out"), new RequestFailedException("timed out")),
        new TaskCanceledException("exceeded the configured timeout", new TimeoutException()),
        new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "sidecar gone")),
        new HttpRequestException("connection reset"),
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task A_dependency_that_is_down_is_answered_503_with_retry_after(Exception outage)
    {
        var http = new DefaultHttpContext();

        var answer = await RunAsync(_gate, http, () => throw outage);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/unavailable", answer.ProblemType);
        Assert.Equal("5", answer.Headers.RetryAfter.ToString());
    }

    [Theory]
    [InlineData(409)]
    [InlineData(404)]
    public async Task A_bug_is_answered_500_problem_json_without_internals(int storageStatus)
    {
        var http = new DefaultHttpContext();

        var answer = await RunAsync(_gate, http, () => throw new RequestFailedException(storageStatus, "The specified entity already exists. RequestId:secret"));

        Assert.Equal(StatusCodes.Status500InternalServerError, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/unexpected", answer.ProblemType);
        Assert.DoesNotContain("RequestId", answer.Body.ToString(), StringComparison.Ordinal);
        Assert.False(answer.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task Input_found_unusable_deep_down_is_answered_400_naming_the_field()
    {
        var http = new DefaultHttpContext();

        var answer = await RunAsync(_gate, http, () => throw new InputRejectedException("continuationToken", "Not a token this list returned."));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["continuationToken"], answer.ErrorFields);
    }

    [Fact]
    public async Task The_handler_sees_the_budget_and_the_client_token_is_restored_after()
    {
        using var client = new CancellationTokenSource();
        var http = new DefaultHttpContext { RequestAborted = client.Token };
        var seen = CancellationToken.None;

        await _gate.RunAsync(http, ApiEndpoints.Health, () =>
        {
            seen = http.RequestAborted;
            return Task.FromResult<object?>(Results.Ok());
        });

        Assert.NotEqual(client.Token, seen);
        Assert.True(seen.CanBeCanceled);
        Assert.Equal(client.Token, http.RequestAborted);
    }

    [Fact]
    public async Task A_function_missing_from_the_catalogue_is_refused_without_running()
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/api/v1/secret";
        var ran = false;

        var refusal = await _gate.RunAsync(http, "SecretFunction", () =>
        {
            ran = true;
            return Task.FromResult<object?>(Results.Ok());
        });

        var answer = await ResultRunner.ExecuteAsync((IResult)refusal!, http);
        Assert.False(ran);
        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal("/api/v1/secret is not an endpoint of this API.", answer.Detail);
    }

    private static async Task<ExecutedResult> RunAsync(ApiGate gate, DefaultHttpContext http, Func<Task<object?>> handler) =>
        await ResultRunner.ExecuteAsync((IResult)(await gate.RunAsync(http, ApiEndpoints.Health, handler))!, http);

    private string Issue(string subject, params string[] roles) =>
        new DevTokenIssuer(_keys, TimeProvider.System).Issue(subject, roles, null).Token;

    private static DefaultHttpContext WithToken(string token)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "Bearer " + token;
        return http;
    }
}
