using System.Diagnostics.CodeAnalysis;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Machine;

/// <summary>
/// GET v1/machine/ping: answers a correctly signed client with its id and kind, so an integrator can test the signing
/// before calling anything that changes a case.
/// </summary>
public sealed class MachinePing
{
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The catalogue resolves every handler as an instance.")]
    public IResult Handle(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return TypedResults.Json(new MachineIdentity(call.Caller.Subject, call.Caller.ActingAs), LygJsonContext.Wire.MachineIdentity);
    }
}
