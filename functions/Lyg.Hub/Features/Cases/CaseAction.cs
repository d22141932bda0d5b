using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// One action of POST v1/cases/{caseId}/actions/{action}: who may take it, and how its body becomes a transition.
/// Each action lives in its own file; <see cref="ApplyCaseAction"/> runs them all the same way.
/// </summary>
public interface ICaseAction
{
    string Name { get; }

    IReadOnlySet<string> AllowedRoles { get; }

    /// <summary>Reads and validates the body into a transition, or answers the problem with it.</summary>
    Task<ActionPreparation> PrepareAsync(HttpRequest request, Caller caller, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Either a transition with the key that identifies the request for idempotency, or a problem answer.
/// <see cref="KeyFor"/> hashes the parsed body, so the same request with different formatting is the same request.
/// </summary>
public sealed record ActionPreparation(CaseTransition? Transition, Func<string, string, RequestKey>? KeyFor, IResult? Problem)
{
    public static ActionPreparation Failed(IResult problem) => new(null, null, problem);
}
