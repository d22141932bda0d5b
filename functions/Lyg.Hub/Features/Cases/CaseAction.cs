using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Geo;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// One case action: who may take it, and how its body becomes a transition. <see cref="CaseCommands"/> runs every
/// action the same way, for people over POST v1/cases/{caseId}/actions/{action} and for machine clients alike.
/// </summary>
public interface ICaseAction
{
    string Name { get; }

    IReadOnlySet<string> AllowedRoles { get; }

    /// <summary>Parses and validates the JSON body into a transition, or answers the problem with it.</summary>
    Task<ActionPreparation> PrepareAsync(ReadOnlyMemory<byte> json, string caseId, Caller caller, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// An action whose change goes on in another case (并单: the main case records the merged one). <see cref="CaseCommands"/>
/// calls it after the transition was applied, replayed, or refused because the case had moved on (a retry without a key),
/// so any retry completes what an interrupted attempt left undone; it must be idempotent.
/// </summary>
public interface ICaseFollowUp
{
    Task FollowUpAsync(CaseCommand command, CancellationToken cancellationToken);
}

/// <summary>
/// Either a transition with the key that identifies the request for idempotency, or a problem answer.
/// <see cref="KeyFor"/> hashes the parsed body, so the same request with different formatting is the same request.
/// </summary>
public sealed record ActionPreparation(CaseTransition? Transition, Func<string, string, RequestKey>? KeyFor, IResult? Problem)
{
    public static ActionPreparation Failed(IResult problem) => new(null, null, problem);
}

/// <summary>
/// An action with a JSON body of type <typeparamref name="TBody"/>: each action file states only its rules — who,
/// from which states, what changes. The stage clock follows every decision through <see cref="StageClocks.Advance"/>.
/// </summary>
public abstract class CaseAction<TBody>(StageClocks clocks) : ICaseAction
    where TBody : class
{
    public const int MaxTextLength = 2000;

    public abstract string Name { get; }

    public abstract IReadOnlySet<string> AllowedRoles { get; }

    protected abstract JsonTypeInfo<TBody> BodyType { get; }

    protected StageClocks Clocks => clocks;

    /// <summary>Field errors keyed by JSON name; empty when the body is acceptable.</summary>
    public abstract Dictionary<string, string[]> Validate(TBody body);

    /// <summary>The facts after the action, or why the case does not allow it.</summary>
    protected abstract CaseDecision Decide(TBody body, Caller caller, CaseFacts facts, DateTimeOffset now);

    /// <summary>
    /// Checks that need storage (a unit exists, the case's place): the body the action then takes, which may fill in
    /// what the request left out, or the problem.
    /// </summary>
    protected virtual Task<(TBody Body, IResult? Problem)> CheckAsync(string caseId, TBody body, CancellationToken cancellationToken) =>
        Task.FromResult<(TBody, IResult?)>((body, null));

    /// <summary>What the timeline records as the reason or remark of this action.</summary>
    protected virtual string? ReasonOf(TBody body) => null;

    protected virtual IReadOnlyList<string> AttachmentsOf(TBody body) => [];

    /// <summary>What a decision decided (<c>approved</c>, <c>rejected</c>), for the outbound messages of the change; null for other actions.</summary>
    protected virtual string? OutcomeOf(TBody body) => null;

    /// <summary>How the action places a case that has no place yet; null for actions that leave the place alone.</summary>
    protected virtual Func<double, double, GridLocation?>? LocateUnplaced => null;

    public async Task<ActionPreparation> PrepareAsync(ReadOnlyMemory<byte> json, string caseId, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (body, unreadable) = JsonBody.Parse(json.Span, BodyType);
        if (body is null)
        {
            return ActionPreparation.Failed(unreadable!);
        }

        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return ActionPreparation.Failed(Problems.Validation(errors));
        }

        var (acted, refused) = await CheckAsync(caseId, body, cancellationToken);
        if (refused is not null)
        {
            return ActionPreparation.Failed(refused);
        }

        // The idempotency key hashes the request as sent, not what the check filled in.
        // A case the caller may not see is not there for it: the same 404 as GetCase, so case ids cannot be probed.
        var transition = new CaseTransition(
            Name, caller.Subject, caller.ActingRole(AllowedRoles)!, now, ReasonOf(acted)?.Trim(), AttachmentsOf(acted),
            facts => CaseAudiences.Of(caller, facts) is not null ? Advanced(Decide(acted, caller, facts, now), facts, now) : CaseDecision.Hidden,
            LocateUnplaced,
            OutcomeOf(acted));
        return new(transition, (scope, key) => RequestKey.Create(scope, key, body, BodyType), null);
    }

    private CaseDecision Advanced(CaseDecision decision, CaseFacts before, DateTimeOffset now) =>
        decision.Next is { } next ? CaseDecision.Allow(next with { Clock = clocks.Advance(before, next, now) }) : decision;

    protected static IReadOnlySet<string> RolesOf(params string[] roles) => new HashSet<string>(roles, StringComparer.Ordinal);

    /// <summary>A conflict unless the case is in one of <paramref name="states"/>.</summary>
    protected CaseDecision? RequireState(CaseFacts facts, params CaseState[] states)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return states.Contains(facts.State)
            ? null
            : CaseDecision.Conflict($"The case is {Wire(facts.State)}; '{Name}' is allowed only when it is {string.Join(" or ", states.Select(Wire))}.");
    }

    /// <summary>Unit staff act only on cases dispatched to their own unit.</summary>
    protected static CaseDecision? RequireOwnUnit(Caller caller, CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(facts);
        return facts.AssignedUnit is not null && facts.AssignedUnit == caller.Unit
            ? null
            : CaseDecision.NotYours($"The case is not dispatched to unit {caller.Unit}.");
    }

    protected static void RequireText(Dictionary<string, string[]> errors, string field, string? value, string what)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxTextLength)
        {
            errors[field] = [$"{what} of 1 to {MaxTextLength} characters is required."];
        }
    }

    protected static void LimitText(Dictionary<string, string[]> errors, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is { Length: > MaxTextLength })
        {
            errors[field] = [$"At most {MaxTextLength} characters."];
        }
    }

    internal static string Wire(CaseState state) => WireNames.Of(state)!;
}
