using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Api;

/// <summary>How an endpoint's callers prove who they are.</summary>
public enum ApiScheme
{
    /// <summary>Nobody has to: liveness probes and public reference data.</summary>
    Anonymous,

    /// <summary>People, with a bearer JWT; the allowed set names people's roles.</summary>
    Bearer,

    /// <summary>Machine clients, with an HMAC-signed request; the allowed set names machine kinds.</summary>
    Signature,

    /// <summary>Open311 GeoReport v2 clients, with the spec's api_key; the allowed set names machine kinds.</summary>
    Open311Key,
}

/// <summary>
/// One HTTP operation: its name (also the Functions app's function name), method, route, scheme, who may call it, and
/// the handler that serves it. Both hosts serve the catalogue as it is: the standalone host maps every entry in a loop,
/// the Functions app has one trigger line per entry that calls <see cref="ServeAsync"/>.
/// </summary>
public sealed record ApiEndpoint(
    string Name,
    string Method,
    string Route,
    ApiScheme Scheme,
    IReadOnlySet<string> AllowedRoles,
    Type HandlerType,
    Func<object, ApiCall, Task<IResult>> Invoke)
{
    public bool IsAnonymous => Scheme == ApiScheme.Anonymous;

    /// <summary>Runs the handler, resolved from the request's services, on the request.</summary>
    public Task<IResult> ServeAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Invoke(call.Http.RequestServices.GetService(HandlerType) ?? throw new InvalidOperationException($"{HandlerType.Name} is not registered."), call);
    }

    /// <summary>An entry served by <typeparamref name="THandler"/>; <paramref name="handle"/> passes the call to its method.</summary>
    public static ApiEndpoint Of<THandler>(string name, string method, string route, ApiAccess access, Func<THandler, ApiCall, Task<IResult>> handle)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(handle);
        return new(name, method, route, access.Scheme, access.Allowed, typeof(THandler), (handler, call) => handle((THandler)handler, call));
    }
}

/// <summary>An endpoint's scheme with the roles (people) or kinds (machines) it admits.</summary>
public sealed record ApiAccess(ApiScheme Scheme, IReadOnlySet<string> Allowed)
{
    public static ApiAccess Anyone { get; } = new(ApiScheme.Anonymous, new HashSet<string>());

    public static ApiAccess People(params IEnumerable<string> roles) => new(ApiScheme.Bearer, roles.ToHashSet(StringComparer.Ordinal));

    public static ApiAccess Machines(params IEnumerable<string> kinds) => new(ApiScheme.Signature, kinds.ToHashSet(StringComparer.Ordinal));

    public static ApiAccess Open311(params IEnumerable<string> kinds) => new(ApiScheme.Open311Key, kinds.ToHashSet(StringComparer.Ordinal));
}
