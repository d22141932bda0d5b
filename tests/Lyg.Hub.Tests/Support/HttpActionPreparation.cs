using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Support;

/// <summary>Prepares an action from an HTTP request as <see cref="ApplyCaseAction"/> does: the body's transfer checks, then the action's.</summary>
internal static class HttpActionPreparation
{
    public static async Task<ActionPreparation> PrepareAsync(
        this ICaseAction action, HttpRequest request, string caseId, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (body, unreadable) = await JsonBody.ReadBytesAsync(request, cancellationToken);
        return body is null ? ActionPreparation.Failed(unreadable!) : await action.PrepareAsync(body, caseId, caller, now, cancellationToken);
    }
}
