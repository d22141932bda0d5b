using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Auth;

/// <summary>
/// What each scheme's credentials look like on a request, so the gate can refuse a request carrying another scheme's
/// instead of ignoring them: a client sending a bearer token to a signed endpoint has a bug it should hear about.
/// </summary>
public static class SchemeCredentials
{
    private static readonly ApiScheme[] WithCredentials = [ApiScheme.Bearer, ApiScheme.Signature, ApiScheme.Open311Key];

    /// <summary>The scheme a 401 names in WWW-Authenticate.</summary>
    public static string Challenge(ApiScheme scheme) => scheme switch
    {
        ApiScheme.Bearer => "Bearer",
        ApiScheme.Signature => SignedRequestAuthenticator.Scheme,
        ApiScheme.Open311Key => ApiKeyAuthenticator.Scheme,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "An anonymous endpoint challenges for nothing."),
    };

    /// <summary>A scheme other than <paramref name="expected"/> whose credentials the request carries, or null.</summary>
    public static ApiScheme? Foreign(HttpRequest request, ApiScheme expected)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WithCredentials.Where(s => s != expected && Carries(request, s)).Select(s => (ApiScheme?)s).FirstOrDefault();
    }

    public static string Describe(ApiScheme scheme) => scheme switch
    {
        ApiScheme.Bearer => "a bearer token (Authorization)",
        ApiScheme.Signature => $"a signed request ({string.Join(", ", SignedRequestAuthenticator.Headers)})",
        ApiScheme.Open311Key => $"an Open311 {ApiKeyAuthenticator.Parameter}",
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "An anonymous endpoint takes no credentials."),
    };

    // The form is not read here: only an Open311 endpoint's own check reads a body for its key.
    private static bool Carries(HttpRequest request, ApiScheme scheme) => scheme switch
    {
        ApiScheme.Bearer => request.Headers.Authorization.Count > 0,
        ApiScheme.Signature => SignedRequestAuthenticator.Headers.Any(request.Headers.ContainsKey),
        ApiScheme.Open311Key => request.Query.ContainsKey(ApiKeyAuthenticator.Parameter),
        _ => false,
    };
}
