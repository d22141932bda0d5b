using System.Text.RegularExpressions;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Reports;

/// <summary>
/// POST v1/reports: a citizen or inspector reports a problem (发现/上报). The case is stored before the answer, its
/// workflow started, and a retry with the same Idempotency-Key returns the same case.
/// </summary>
public sealed partial class SubmitReport(
    CaseStore cases,
    IdempotencyStore idempotency,
    CaseNumberAllocator numbers,
    CaseWorkflowClient workflows,
    TimeProvider clock)
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxAddressLength = 200;
    public const int MaxAttachments = 9;

    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var caller = http.GetCaller();

        var (request, unreadable) = await JsonBody.ReadAsync(http.Request, LygJsonContext.Default.SubmitReportRequest, cancellationToken);
        if (request is null)
        {
            return unreadable!;
        }

        var role = caller.ActingRole(ApiEndpoints.SubmitReport.AllowedRoles);
        var errors = Validate(request, role);
        if (http.Request.Headers.TryGetValue(RequestKey.HeaderName, out var keyHeader) && !RequestKey.IsWellFormed(keyHeader.ToString()))
        {
            errors[RequestKey.HeaderName] = [$"Use 1 to {RequestKey.MaxLength} visible ASCII characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var key = keyHeader.Count == 0
            ? null
            : RequestKey.Create($"report\n{caller.Subject}", keyHeader.ToString(), request, LygJsonContext.Default.SubmitReportRequest);

        string caseId;
        if (key is null)
        {
            caseId = await numbers.NextAsync(cancellationToken);
        }
        else
        {
            var reservation = await idempotency.FindAsync(key, cancellationToken)
                ?? await idempotency.ReserveAsync(key, await numbers.NextAsync(cancellationToken), cancellationToken);
            if (reservation.RequestHash != key.RequestHash)
            {
                return Problems.IdempotencyMismatch("This Idempotency-Key was first used with a different report.");
            }

            caseId = reservation.ResourceId;
        }

        // Both steps are idempotent, so a retry after a failure between them completes the intake.
        var created = await cases.CreateAsync(ToNewCase(caseId, request, caller.Subject, role), cancellationToken);
        await workflows.EnsureStartedAsync(durable, caseId, created, cancellationToken);

        var statusUrl = ApiRoutes.CaseUrl(caseId);
        http.Response.Headers.Location = statusUrl;
        return TypedResults.Json(new ReportAccepted(caseId, statusUrl), LygJsonContext.Default.ReportAccepted, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Field errors keyed by JSON path; empty when the report is acceptable.</summary>
    public static Dictionary<string, string[]> Validate(SubmitReportRequest request, string role)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Description))
        {
            errors["description"] = ["A description is required."];
        }
        else if (request.Description.Length > MaxDescriptionLength)
        {
            errors["description"] = [$"At most {MaxDescriptionLength} characters."];
        }

        if (request.CategoryCode is null)
        {
            if (role == Roles.Inspector)
            {
                errors["categoryCode"] = ["Inspectors report with a category code."];
            }
        }
        else if (!CategoryCode.IsWellFormed(request.CategoryCode))
        {
            errors["categoryCode"] = [CategoryCode.ShapeError];
        }

        ValidateLocation(request.Location, errors);

        if (request.Address is { Length: > MaxAddressLength })
        {
            errors["address"] = [$"At most {MaxAddressLength} characters."];
        }

        var attachments = request.AttachmentIds ?? [];
        if (attachments.Count > MaxAttachments)
        {
            errors["attachmentIds"] = [$"At most {MaxAttachments} attachments."];
        }
        else if (attachments.Any(id => id is null || !AttachmentIdPattern().IsMatch(id)))
        {
            errors["attachmentIds"] = ["Attachment ids are 1 to 64 letters, digits, '-' or '_'."];
        }

        return errors;
    }

    private static void ValidateLocation(GeoLocation? location, Dictionary<string, string[]> errors)
    {
        if (location is null)
        {
            errors["location"] = ["A location is required."];
            return;
        }

        if (location.Lat is not { } lat || !double.IsFinite(lat) || lat is < -90 or > 90)
        {
            errors["location.lat"] = ["Latitude in degrees, -90 to 90."];
        }

        if (location.Lon is not { } lon || !double.IsFinite(lon) || lon is < -180 or > 180)
        {
            errors["location.lon"] = ["Longitude in degrees, -180 to 180."];
        }

        if (location.Crs is null)
        {
            errors["location.crs"] = ["State the coordinate system: wgs84, gcj02 or cgcs2000."];
        }
    }

    private NewCase ToNewCase(string caseId, SubmitReportRequest request, string reporter, string role) => new(
        caseId,
        role == Roles.Inspector ? CaseSource.Inspector : CaseSource.Citizen,
        request.Description!.Trim(),
        request.CategoryCode,
        request.Location!.Lat!.Value,
        request.Location.Lon!.Value,
        request.Location.Crs!.Value,
        string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim(),
        request.AttachmentIds ?? [],
        reporter,
        role,
        clock.GetUtcNow());

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex AttachmentIdPattern();
}
