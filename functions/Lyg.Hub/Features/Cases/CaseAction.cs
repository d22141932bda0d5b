using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// One action of POST v1/cases/{caseId}/actions/{action}: who may take it, and how its body becomes a transition.
/// <see cref="ApplyCaseAction"/> runs every action the same way.
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

/// <summary>An action with a JSON body of type <typeparamref name="TBody"/>: each action file states only its rules.</summary>
public abstract class CaseAction<TBody> : ICaseAction
    where TBody : class
{
    public abstract string Name { get; }

    public abstract IReadOnlySet<string> AllowedRoles { get; }

    protected abstract JsonTypeInfo<TBody> BodyType { get; }

    /// <summary>Field errors keyed by JSON name; empty when the body is acceptable.</summary>
    public abstract Dictionary<string, string[]> Validate(TBody body);

    protected abstract CaseTransition ToTransition(TBody body, Caller caller, DateTimeOffset now);

    public async Task<ActionPreparation> PrepareAsync(HttpRequest request, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (body, unreadable) = await JsonBody.ReadAsync(request, BodyType, cancellationToken);
        if (body is null)
        {
            return ActionPreparation.Failed(unreadable!);
        }

        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return ActionPreparation.Failed(Problems.Validation(errors));
        }

        return new(ToTransition(body, caller, now), (scope, key) => RequestKey.Create(scope, key, body, BodyType), null);
    }

    protected static IReadOnlySet<string> RolesOf(params string[] roles) => new HashSet<string>(roles, StringComparer.Ordinal);

    protected static IReadOnlySet<CaseState> StatesOf(params CaseState[] states) => new HashSet<CaseState>(states);
}
