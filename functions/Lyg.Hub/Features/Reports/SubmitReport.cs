using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Codes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Reports;

/// <summary>
/// POST v1/reports: a citizen or inspector reports a problem. A thin adapter over <see cref="CaseIntake"/>: the body
/// and the caller become an intake, the client's Idempotency-Key its source key (scoped to the caller, whose keys are
/// their own), and the outcome an answer: 202 with the case, 400 with the fields, 409 when the key was first used with
/// a different report.
/// </summary>
public sealed class SubmitReport(CaseIntake intake, CodeCatalog codes)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        var (request, unreadable) = await JsonBody.ReadAsync(http.Request, LygJsonContext.Default.SubmitReportRequest, http.RequestAborted);
        if (request is null)
        {
            return unreadable!;
        }

        var role = caller.ActingAs;
        var report = new IntakeRequest(
            role == Roles.Inspector ? CaseSource.Inspector : CaseSource.Citizen,
            new IntakeReporter(caller.Issuer, caller.Subject, role),
            request.Description,
            request.CategoryCode,
            request.Location,
            request.Address,
            request.AttachmentIds,
            request.ComponentId,
            request.CategoryKind,
            SelfHandled: request.SelfHandled == true);
        var keyErrors = new Dictionary<string, string[]>();
        var keyHeader = IdempotencyKeyHeader.Read(http.Request, keyErrors);
        if (keyErrors.Count > 0)
        {
            // Every field at once, so the client fixes its request in one round.
            var errors = CaseIntake.Validate(report, codes);
            errors[RequestKey.HeaderName] = keyErrors[RequestKey.HeaderName];
            return Problems.Validation(errors);
        }

        var sourceKey = keyHeader is null ? null : new SourceKey($"{caller.Issuer}\n{caller.Subject}", keyHeader);
        var outcome = await intake.SubmitAsync(report, sourceKey, durable, http.RequestAborted);
        switch (outcome)
        {
            case IntakeOutcome.Rejected rejected:
                return Problems.Validation(rejected.Errors.ToDictionary());
            case IntakeOutcome.KeyConflict:
                return Problems.IdempotencyMismatch("This Idempotency-Key was first used with a different report.");
            case IntakeOutcome.Limited limited:
                var seconds = Problems.SetRetryAfter(http.Response, limited.RetryAfter);
                return Problems.TooManyRequests($"You have filed as many reports as the limit allows for now; try again in {seconds} s.");
        }

        var caseId = ((IntakeOutcome.Accepted)outcome).CaseId;
        var statusUrl = ApiRoutes.CaseUrl(caseId);
        http.Response.Headers.Location = statusUrl;
        return TypedResults.Json(new ReportAccepted(caseId, statusUrl), LygJsonContext.Wire.ReportAccepted, statusCode: StatusCodes.Status202Accepted);
    }
}
