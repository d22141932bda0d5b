using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Auth;

/// <summary>
/// The one authentication and authorisation step in front of every endpoint, run by the Functions middleware and
/// by the standalone endpoint filter alike.
/// </summary>
public sealed class ApiGate(CallerAuthenticator authenticator)
{
    /// <summary>Null when the request may proceed (the caller is then attached); otherwise the problem to answer.</summary>
    public async Task<IResult?> AdmitAsync(HttpContext context, ApiEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.IsAnonymous)
        {
            return null;
        }

        var (caller, failure) = await authenticator.AuthenticateAsync(context.Request);
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthenticated(failure!);
        }

        if (!caller.IsInAnyRole(endpoint.AllowedRoles))
        {
            return Problems.Forbidden($"{endpoint.Name} needs one of the roles: {string.Join(", ", endpoint.AllowedRoles.Order(StringComparer.Ordinal))}.");
        }

        context.Features.Set(caller);
        return null;
    }
}

public static class CallerHttpContextExtensions
{
    /// <summary>The caller admitted by <see cref="ApiGate"/>; only valid on authenticated endpoints.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context?.Features.Get<Caller>() ?? throw new InvalidOperationException("The request passed no ApiGate.");
}
