using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// A case action asked for by an actor — a person over HTTP, or a machine client (an upper platform returning a
/// result puts the case into rework) — with its JSON body and, when the actor may retry, its idempotency key.
/// </summary>
public sealed record CaseCommand(string CaseId, string Action, ReadOnlyMemory<byte> Body, Caller Actor, string? IdempotencyKey = null);

/// <summary>What became of a case command.</summary>
public abstract record CaseCommandOutcome
{
    /// <summary>Applied now or before (a repeat of the same key): the case is in <see cref="State"/>.</summary>
    public sealed record Applied(CaseState State) : CaseCommandOutcome;

    /// <summary>Refused, with the problem that says why; nothing was written.</summary>
    public sealed record Refused(IResult Problem) : CaseCommandOutcome;
}

/// <summary>
/// Case actions as a use case, whoever asks. The stored case is the source of truth: the transition is applied to it
/// under optimistic concurrency (of two racing actions one wins, the other is refused with 409), the actor — a person's
/// subject or a machine client's id, in the role it acted in — is recorded on the timeline, and the workflow is nudged.
/// </summary>
public sealed class CaseCommands(IEnumerable<ICaseAction> actions, CaseStore cases, AttachmentClaims attachments, TimeProvider clock)
{
    private readonly Dictionary<string, ICaseAction> _actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The names of the actions people take, for the answer to one that does not exist; machines' own actions are not offered.</summary>
    public IEnumerable<string> PeoplesActions => _actions.Values.Where(a => a.AllowedRoles.Overlaps(Roles.People)).Select(a => a.Name);

    public async Task<CaseCommandOutcome> ApplyAsync(CaseCommand command, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!_actions.TryGetValue(command.Action, out var action))
        {
            return Refused(Problems.NotFound($"There is no case action '{command.Action}'."));
        }

        var actor = command.Actor;
        if (actor.ActingRole(action.AllowedRoles) is null)
        {
            return Refused(Problems.Forbidden($"'{command.Action}' needs one of the roles: {string.Join(", ", action.AllowedRoles.Order(StringComparer.Ordinal))}."));
        }

        if (command.IdempotencyKey is { } rawKey && !RequestKey.IsWellFormed(rawKey))
        {
            return Refused(Problems.Validation(new Dictionary<string, string[]>
            {
                [RequestKey.HeaderName] = [RequestKey.ShapeError],
            }));
        }

        var prepared = await action.PrepareAsync(command.Body, command.CaseId, actor, clock.GetUtcNow(), cancellationToken);
        if (prepared.Problem is not null)
        {
            return Refused(prepared.Problem);
        }

        // Bound before the transition, so no other case can take them meanwhile; released when the action is refused.
        var claim = await attachments.ClaimAsync(prepared.Transition!.AttachmentIds, actor.Issuer, actor.Subject, command.CaseId, cancellationToken);
        if (claim.Errors.Count > 0)
        {
            return Refused(Problems.Validation(claim.Errors.ToDictionary()));
        }

        var key = command.IdempotencyKey is { } idempotencyKey
            ? prepared.KeyFor!($"action\n{actor.Issuer}\n{actor.Subject}\n{command.Action}", idempotencyKey)
            : null;
        var result = await cases.TransitionAsync(command.CaseId, prepared.Transition!, key, cancellationToken);
        HubMetrics.ActionApplied(command.Action, result.Outcome);
        if (result.Outcome is not (TransitionOutcome.Applied or TransitionOutcome.Replayed))
        {
            await claim.ReleaseAsync(cancellationToken);
        }

        if (action is ICaseFollowUp followUp && result.Outcome is TransitionOutcome.Applied or TransitionOutcome.Replayed or TransitionOutcome.StateConflict)
        {
            await followUp.FollowUpAsync(command, cancellationToken);
        }

        switch (result.Outcome)
        {
            case TransitionOutcome.NotFound:
                return Refused(Problems.NotFound($"No case {command.CaseId} is visible to you."));
            case TransitionOutcome.StateConflict:
                return Refused(Problems.StateConflict($"Case {command.CaseId}: {result.Detail}"));
            case TransitionOutcome.NotPermitted:
                return Refused(Problems.Forbidden(result.Detail!));
            case TransitionOutcome.KeyReusedForDifferentRequest:
                return Refused(Problems.IdempotencyMismatch("This Idempotency-Key was first used with a different request."));
        }

        // A replay nudges too: the first attempt may have committed and then failed before its nudge.
        await CaseWorkflowClient.NotifyStateChangedAsync(durable, command.CaseId, result.State!.Value, cancellationToken);
        return new CaseCommandOutcome.Applied(result.State.Value);
    }

    private static CaseCommandOutcome.Refused Refused(IResult problem) => new(problem);
}
