using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Cases;

/// <summary>作废: an operator or shift lead discards a report that is no case (duplicate, out of scope, false), with a reason.</summary>
public sealed class VoidCase : ICaseAction
{
    public const int MaxReasonLength = 500;

    private static readonly IReadOnlySet<CaseState> From = new HashSet<CaseState> { CaseState.Reported };

    public string Name => CaseActionNames.Void;

    public IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>([Roles.Operator, Roles.ShiftLead], StringComparer.Ordinal);

    public async Task<ActionPreparation> PrepareAsync(HttpRequest request, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (body, unreadable) = await JsonBody.ReadAsync(request, LygJsonContext.Default.VoidCaseRequest, cancellationToken);
        if (body is null)
        {
            return ActionPreparation.Failed(unreadable!);
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MaxReasonLength)
        {
            return ActionPreparation.Failed(Problems.Validation(new Dictionary<string, string[]>
            {
                ["reason"] = [$"Voiding needs a reason of 1 to {MaxReasonLength} characters."],
            }));
        }

        var transition = new CaseTransition(Name, From, CaseState.Voided, caller.Subject, caller.ActingRole(AllowedRoles), now, body.Reason.Trim());
        return new(transition, (scope, key) => RequestKey.Create(scope, key, body, LygJsonContext.Default.VoidCaseRequest), null);
    }
}
