using Lyg.Hub.Api;
using Lyg.Hub.Features.Open311;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Auth;

/// <summary>
/// The one step in front of every endpoint, run by the Functions middleware and by the standalone endpoint filter
/// alike: it authenticates the caller by the endpoint's scheme (a person's bearer token, a machine's signature or
/// Open311 api_key) and authorises it, gives the handler a bounded time budget, and turns every failure into a problem
/// answer — a dependency that is down or too slow into 503 with Retry-After, a bug into a logged 500.
/// </summary>
public sealed partial class ApiGate(
    CallerAuthenticator people,
    SignedRequestAuthenticator signatures,
    ApiKeyAuthenticator apiKeys,
    IOptions<ApiOptions> options,
    ILogger<ApiGate> logger)
{
    private const string CaseIdRouteValue = "caseId";

    private static readonly Func<ILogger, string, IDisposable?> EndpointScope = LoggerMessage.DefineScope<string>("Endpoint {Endpoint}");

    /// <summary>
    /// Runs the handler of the catalogued endpoint named <paramref name="endpointName"/>. A name missing from the
    /// catalogue is refused: an HTTP function nobody declared must not serve without the gate's checks.
    /// </summary>
    public Task<object?> RunAsync(HttpContext context, string endpointName, Func<Task<object?>> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ApiEndpoints.FindByName(endpointName) is { } endpoint)
        {
            return RunAsync(context, endpoint, handler);
        }

        LogUncatalogued(logger, endpointName);
        return Task.FromResult<object?>(Problems.NotFound($"{context.Request.Path} is not an endpoint of this API."));
    }

    /// <summary>
    /// The handler's answer, or the problem that replaces it; on Open311 routes the spec's error list instead of the
    /// problem, since GeoReport v2 clients read only that.
    /// </summary>
    /// <remarks>Everything logged while it runs carries the endpoint's name and, on a case's routes, the case id.</remarks>
    public async Task<object?> RunAsync(HttpContext context, ApiEndpoint endpoint, Func<Task<object?>> handler)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(handler);
        var answer = await GuardAsync(context, endpoint, handler);
        return Open311Replies.Speaks(endpoint) ? Open311Replies.Translate(context, answer) : answer;
    }

    private async Task<object?> GuardAsync(HttpContext context, ApiEndpoint endpoint, Func<Task<object?>> handler)
    {
        using var endpointScope = EndpointScope(logger, endpoint.Name);
        using var caseScope = context.GetRouteValue(CaseIdRouteValue) is string { Length: > 0 } caseId ? CaseLogScope.Begin(logger, caseId) : null;

        // Handlers read RequestAborted; swapping in the budget bounds every call they make without each one knowing.
        // Admission is inside it too: a signed request's nonce is written to storage, which can be down or slow.
        var clientAborted = context.RequestAborted;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        var timeout = options.Value.TimeoutOf(endpoint.Name);
        budget.CancelAfter(timeout);
        context.RequestAborted = budget.Token;
        try
        {
            return await AdmitAsync(context, endpoint) ?? await handler();
        }
        catch (Exception) when (clientAborted.IsCancellationRequested)
        {
            // The client left; nobody reads this answer.
            return Results.StatusCode(StatusCodes.Status499ClientClosedRequest);
        }
        catch (Exception ex) when (budget.IsCancellationRequested)
        {
            // Whatever the cancelled call threw (OperationCanceledException, RpcException Cancelled), the budget ran out.
            LogOutOfTime(logger, endpoint.Name, timeout, ex);
            return Unavailable(context, $"The request did not complete within {timeout.TotalSeconds:0.#} s: a dependency is slow or unreachable.");
        }
        catch (InputRejectedException ex)
        {
            return Problems.Validation(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] });
        }
        catch (Exception ex) when (DependencyFailure.IsUnavailable(ex))
        {
            LogDependencyDown(logger, endpoint.Name, ex);
            return Unavailable(context, "Storage or the workflow backend is unavailable.");
        }
        catch (Exception ex)
        {
            LogUnexpected(logger, endpoint.Name, ex);
            return Problems.Unexpected();
        }
        finally
        {
            context.RequestAborted = clientAborted;
        }
    }

    /// <summary>
    /// Null when the request may proceed (the caller is then attached); otherwise the problem to answer. The endpoint's
    /// scheme decides how the caller authenticates; credentials of another scheme are refused, not ignored.
    /// </summary>
    public async Task<IResult?> AdmitAsync(HttpContext context, ApiEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.IsAnonymous)
        {
            return null;
        }

        var (caller, refusal) = SchemeCredentials.Foreign(context.Request, endpoint.Scheme) is { } foreign
            ? RefusalReasons.Unauthenticated(
                RefusalReasons.WrongScheme,
                $"{endpoint.Name} takes {SchemeCredentials.Describe(endpoint.Scheme)}, not {SchemeCredentials.Describe(foreign)}.")
            : endpoint.Scheme switch
            {
                ApiScheme.Signature => await signatures.AuthenticateAsync(context.Request, endpoint),
                ApiScheme.Open311Key => await apiKeys.AuthenticateAsync(context.Request, endpoint),
                _ => await AdmitPersonAsync(context.Request, endpoint),
            };
        if (refusal is not null)
        {
            if (refusal is IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized })
            {
                context.Response.Headers.WWWAuthenticate = SchemeCredentials.Challenge(endpoint.Scheme);
            }

            return refusal;
        }

        context.Features.Set(caller);
        return null;
    }

    /// <summary>A person by bearer token, acting in a role the endpoint allows.</summary>
    private async Task<(Caller? Caller, IResult? Refusal)> AdmitPersonAsync(HttpRequest request, ApiEndpoint endpoint)
    {
        var (caller, failure) = await people.AuthenticateAsync(request);
        if (caller is null)
        {
            return (null, Problems.Unauthenticated(failure!));
        }

        if (caller.RequestedRole is { } requested && !caller.Roles.Contains(requested))
        {
            return (null, Problems.Forbidden($"{Caller.RoleHeader} names '{requested}', a role the token does not hold."));
        }

        if (caller.ActingRole(endpoint.AllowedRoles) is not { } acting)
        {
            return (null, Problems.Forbidden($"{endpoint.Name} needs one of the roles: {string.Join(", ", endpoint.AllowedRoles.Order(StringComparer.Ordinal))}."));
        }

        return (caller with { ActingAs = acting }, null);
    }

    private IResult Unavailable(HttpContext context, string detail)
    {
        // A Location the handler set before it failed would point at a resource that was not created.
        context.Response.Headers.Location = default;
        Problems.SetRetryAfter(context.Response, options.Value.RetryAfter);
        return Problems.Unavailable(detail);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Name} is not in the endpoint catalogue; refused")]
    private static partial void LogUncatalogued(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint} ran out of its {Budget} budget; answered 503")]
    private static partial void LogOutOfTime(ILogger logger, string endpoint, TimeSpan budget, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint}: a dependency is unavailable; answered 503")]
    private static partial void LogDependencyDown(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Endpoint} failed unexpectedly; answered 500")]
    private static partial void LogUnexpected(ILogger logger, string endpoint, Exception exception);
}

public static class CallerHttpContextExtensions
{
    /// <summary>The caller admitted by <see cref="ApiGate"/>; only valid on authenticated endpoints.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context?.Features.Get<Caller>() ?? throw new InvalidOperationException("The request passed no ApiGate.");
}
