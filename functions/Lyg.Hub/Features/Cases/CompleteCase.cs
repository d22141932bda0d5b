using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>处置完成: the unit reports what it did, with photos; the case waits for the check.</summary>
public sealed class CompleteCase(StageClocks clocks) : CaseAction<CompleteCaseRequest>(clocks)
{
    public override string Name => CaseActionNames.Complete;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Unit);

    protected override JsonTypeInfo<CompleteCaseRequest> BodyType => LygJsonContext.Default.CompleteCaseRequest;

    public override Dictionary<string, string[]> Validate(CompleteCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        RequireText(errors, "result", body.Result, "Completion needs a result");
        AttachmentIds.Check(body.AttachmentIds, errors);
        return errors;
    }

    protected override string? ReasonOf(CompleteCaseRequest body) => body.Result;

    protected override IReadOnlyList<string> AttachmentsOf(CompleteCaseRequest body) => body.AttachmentIds ?? [];

    /// <summary>Handling is done, so a pending postponement or suspension request has lapsed.</summary>
    protected override CaseDecision Decide(CompleteCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireOwnUnit(caller, facts)
        ?? RequireState(facts, CaseState.Accepted)
        ?? CaseDecision.Allow(facts with { State = CaseState.Handled, Postponement = null, SuspensionRequested = false });
}
