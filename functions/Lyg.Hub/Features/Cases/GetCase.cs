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
/// GET v1/cases/{caseId}, in the view of the caller's audience: staff read state, stage clock and traffic light,
/// timeline, slips, the workflow's status and the caller of a 12345 case; the assigned unit its work; the reporter
/// the plain-language status and public steps. A case the caller may not see answers 404, so case ids cannot be probed.
/// </summary>
public sealed class GetCase(CaseStore cases, CaseViews views, HotlineCallers hotlineCallers)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable, string caseId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        var stored = await cases.FindAsync(caseId, http.RequestAborted);
        if (stored is null || CaseAudiences.Of(caller, stored.Facts) is not { } audience)
        {
            return Problems.NotFound($"No case {caseId} is visible to you.");
        }

        if (audience == CaseAudience.Reporter)
        {
            var main = stored.Facts.MergedInto is { } mainId ? await cases.FindAsync(mainId, http.RequestAborted) : null;
            return TypedResults.Json(CaseViews.Report(stored, main), LygJsonContext.Wire.ReportView);
        }

        if (audience != CaseAudience.Staff)
        {
            return TypedResults.Json(views.Detail(stored, audience, caller, null), LygJsonContext.Wire.CaseView);
        }

        var workflow = await CaseWorkflowClient.DescribeAsync(durable, caseId, http.RequestAborted);
        var hotlineCaller = await hotlineCallers.ForStaffAsync(stored, http.RequestAborted);
        return TypedResults.Json(
            views.Detail(stored, audience, caller, workflow) with { Caller = hotlineCaller, Duplicates = CaseDuplicatesView.Of(stored) },
            LygJsonContext.Wire.CaseView);
    }
}
