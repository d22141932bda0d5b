using System.Text.RegularExpressions;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Cases;

/// <summary>立案: an operator or shift lead accepts a reported case with its category and urgency.</summary>
public sealed partial class RegisterCase : ICaseAction
{
    public const int MaxReasonLength = 500;

    private static readonly IReadOnlySet<CaseState> From = new HashSet<CaseState> { CaseState.Reported };

    public string Name => CaseActionNames.Register;

    public IReadOnlySet<string> AllowedRoles { get; } = new HashSet<string>([Roles.Operator, Roles.ShiftLead], StringComparer.Ordinal);

    public async Task<ActionPreparation> PrepareAsync(HttpRequest request, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (body, unreadable) = await JsonBody.ReadAsync(request, LygJsonContext.Default.RegisterCaseRequest, cancellationToken);
        if (body is null)
        {
            return ActionPreparation.Failed(unreadable!);
        }

        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return ActionPreparation.Failed(Problems.Validation(errors));
        }

        var transition = new CaseTransition(
            Name, From, CaseState.Registered, caller.Subject, caller.ActingRole(AllowedRoles), now, body.Reason,
            CategoryCode: body.CategoryCode, Urgency: body.Urgency);
        return new(transition, (scope, key) => RequestKey.Create(scope, key, body, LygJsonContext.Default.RegisterCaseRequest), null);
    }

    public static Dictionary<string, string[]> Validate(RegisterCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (body.CategoryCode is null || !CategoryCodePattern().IsMatch(body.CategoryCode))
        {
            errors["categoryCode"] = ["Registration needs a category code of 4 digits (GB/T 30428.2-2013) or 5 digits (2026 scheme)."];
        }

        if (body.Urgency is null)
        {
            errors["urgency"] = ["Registration needs an urgency: normal or urgent."];
        }

        if (body.Reason is { Length: > MaxReasonLength })
        {
            errors["reason"] = [$"At most {MaxReasonLength} characters."];
        }

        return errors;
    }

    [GeneratedRegex("^[0-9]{4,5}$")]
    private static partial Regex CategoryCodePattern();
}
