using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// GET v1/cases/{caseId}: state, stage clock and traffic light, timeline, slips and the workflow's status, and for
/// center staff the caller of a 12345 case. A case the caller may not see answers 404, so case ids cannot be probed.
/// </summary>
public sealed class GetCase(CaseStore cases, CaseViews views, HotlineCallers hotlineCallers)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable, string caseId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        var stored = await cases.FindAsync(caseId, http.RequestAborted);
        if (stored is null || !CaseViews.MayRead(caller, stored.Facts))
        {
            return Problems.NotFound($"No case {caseId} is visible to you.");
        }

        var workflow = await CaseWorkflowClient.DescribeAsync(durable, caseId, http.RequestAborted);
        var hotlineCaller = caller.IsStaff ? await hotlineCallers.ForStaffAsync(stored, http.RequestAborted) : null;
        return TypedResults.Json(
            views.Detail(stored, workflow) with { Caller = hotlineCaller, Duplicates = caller.IsStaff ? CaseDuplicatesView.Of(stored) : null },
            LygJsonContext.Wire.CaseView);
    }
}
