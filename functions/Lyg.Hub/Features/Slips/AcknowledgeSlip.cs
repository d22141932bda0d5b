using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Slips;

/// <summary>POST v1/cases/{caseId}/actions/acknowledge-slip: the unit a slip is addressed to confirms it has seen it.</summary>
public sealed class AcknowledgeSlip(CaseStore cases, TimeProvider clock)
{
    public static readonly IReadOnlySet<string> AllowedRoles = new HashSet<string>([Roles.Unit], StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(HttpContext http, string caseId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        if (caller.ActingRole(AllowedRoles) is null)
        {
            return Problems.Forbidden("'acknowledge-slip' needs the unit role.");
        }

        var (body, unreadable) = await JsonBody.ReadAsync(http.Request, LygJsonContext.Default.AcknowledgeSlipRequest, http.RequestAborted);
        if (body is null)
        {
            return unreadable!;
        }

        if (string.IsNullOrWhiteSpace(body.SlipId) || body.SlipId.Length > 128)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["slipId"] = ["Name the slip to acknowledge."] });
        }

        var outcome = await cases.AcknowledgeSlipAsync(caseId, body.SlipId, caller.Unit, caller.Subject, clock.GetUtcNow(), http.RequestAborted);
        return outcome switch
        {
            // Another unit's slip is not there for this unit, as another unit's case is not: 404 either way.
            TransitionOutcome.NotFound or TransitionOutcome.NotPermitted => Problems.NotFound($"Case {caseId} has no slip {body.SlipId} addressed to unit {caller.Unit}."),
            _ => TypedResults.Accepted(ApiRoutes.CaseUrl(caseId)),
        };
    }
}
