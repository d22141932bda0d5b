using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// GET v1/cases/{caseId}: state, category, location, timeline, slips and the workflow's stage. Staff read every
/// case; a citizen reads only their own reports (others answer 404, so case ids cannot be probed).
/// </summary>
public sealed class GetCase(CaseStore cases)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable, string caseId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        var stored = await cases.FindAsync(caseId, http.RequestAborted);
        if (stored is null || !MayRead(caller, stored))
        {
            return Problems.NotFound($"No case {caseId} is visible to you.");
        }

        var workflow = await CaseWorkflowClient.DescribeAsync(durable, caseId, http.RequestAborted);
        var view = new CaseView(
            stored.CaseId, stored.State, stored.Source, stored.Description, stored.CategoryCode, stored.Urgency,
            stored.Location, stored.Address, stored.AttachmentIds, stored.ReportedAt, stored.UpdatedAt, workflow,
            stored.Timeline, stored.Slips);
        return TypedResults.Json(view, LygJsonContext.Default.CaseView);
    }

    /// <summary>Units see their own cases once dispatch exists; until then no case belongs to a unit.</summary>
    internal static bool MayRead(Caller caller, StoredCase stored) =>
        caller.IsStaff || stored.ReporterSubject == caller.Subject;
}
