using Lyg.Contracts;

namespace Lyg.Hub.Features.Cases;

/// <summary>The rules every approve/reject body follows.</summary>
internal static class Decisions
{
    public static Dictionary<string, string[]> Validate(DecisionRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (body.Approved is null)
        {
            errors["approved"] = ["State the decision: true to approve, false to reject."];
        }

        if (body.Reason is { Length: > CaseAction<DecisionRequest>.MaxTextLength })
        {
            errors["reason"] = [$"At most {CaseAction<DecisionRequest>.MaxTextLength} characters."];
        }

        return errors;
    }

    /// <summary>The timeline shows the decision itself, then the reason given.</summary>
    public static string Describe(DecisionRequest body) =>
        (body.Approved == true ? "approved" : "rejected") + (string.IsNullOrWhiteSpace(body.Reason) ? "" : ": " + body.Reason.Trim());
}
