using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Lyg.Hub.Auth;

/// <summary>
/// Admits an Open311 GeoReport v2 client by the spec's <c>api_key</c>: a query parameter, or a field of the form a
/// POST sends. The key is looked up in constant time among the Open311 clients' keys.
/// </summary>
public sealed class ApiKeyAuthenticator(MachineClients clients)
{
    /// <summary>The scheme a 401 on an Open311 endpoint challenges for.</summary>
    public const string Scheme = "Open311-Api-Key";

    public const string Parameter = "api_key";

    /// <summary>
    /// A GeoReport v2 form has about fifteen short fields; these bounds refuse anything far beyond that as unreadable
    /// (400) before it is held in memory, instead of the framework's defaults of 1024 values of 4 MB each.
    /// </summary>
    private static readonly FormOptions FormLimits = new() { ValueCountLimit = 100, KeyLengthLimit = 256, ValueLengthLimit = 16 * 1024 };

    /// <summary>Puts the bounds on the request's form before anything reads it; the form read then is the one every reader gets.</summary>
    public static void BoundForm(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HttpContext.Features.Get<IFormFeature>() is not { Form: not null })
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, FormLimits));
        }
    }

    /// <summary>The machine caller, or the problem that refuses the request.</summary>
    public async Task<(Caller? Caller, IResult? Refusal)> AuthenticateAsync(HttpRequest request, ApiEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(endpoint);
        var keys = request.Query[Parameter];
        if (keys.Count == 0 && request.HasFormContentType)
        {
            var (form, unreadable) = await ReadFormAsync(request);
            if (form is null)
            {
                return (null, unreadable);
            }

            keys = form[Parameter];
        }

        if (StringValues.IsNullOrEmpty(keys))
        {
            return RefusalReasons.Unauthenticated(RefusalReasons.MissingApiKey, $"{endpoint.Name} takes the Open311 {Parameter}, as a query parameter or a form field.");
        }

        if (keys.Count > 1 || clients.FindByApiKey(keys.ToString()) is not { } client)
        {
            return RefusalReasons.Unauthenticated(RefusalReasons.BadApiKey, $"The {Parameter} names no Open311 client of this hub, or is given more than once.");
        }

        return client.MayCall(endpoint)
            ? (Caller.ForMachine(client.Id, client.Kind), null)
            : RefusalReasons.NotAllowed(client, endpoint);
    }

    /// <summary>The form (kept on the request, so the handler reads the same one), or the problem when it cannot be read.</summary>
    private static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpRequest request)
    {
        try
        {
            BoundForm(request);
            return (await request.ReadFormAsync(request.HttpContext.RequestAborted), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException or OperationCanceledException)
        {
            return (null, Problems.Malformed("The form could not be read: it is malformed, too large, or was cut short."));
        }
    }
}
