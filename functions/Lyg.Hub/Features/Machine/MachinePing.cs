using Lyg.Contracts;
using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Machine;

/// <summary>
/// GET v1/machine/ping: answers a correctly signed client with its id and kind, so an integrator can test the signing
/// before calling anything that changes a case.
/// </summary>
public static class MachinePing
{
    public static IResult Handle(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        return TypedResults.Json(new MachineIdentity(caller.Subject, caller.ActingAs), LygJsonContext.Wire.MachineIdentity);
    }
}
