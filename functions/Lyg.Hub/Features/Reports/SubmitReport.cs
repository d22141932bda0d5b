using Lyg.Contracts;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Reports;

/// <summary>
/// POST v1/reports: a citizen or inspector reports a problem (发现/上报). The case is stored before the answer, its
/// workflow started, and a retry with the same Idempotency-Key returns the same case. The point is stored in WGS84
/// beside the client's original, with the grid it lies in; a point in no grid is still accepted, without a place,
/// because a report from the edge of town is better taken than refused. A report about a registered component takes the
/// component's type as its category and its point as the location when those are left out, and keeps the component's
/// units for routing.
/// </summary>
public sealed class SubmitReport(
    CaseStore cases,
    IdempotencyStore idempotency,
    CaseNumberAllocator numbers,
    CaseWorkflowClient workflows,
    StageClocks clocks,
    CurrentPlaces places,
    ComponentStore components,
    TimeProvider clock)
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxAddressLength = 200;
    public const int MaxAttachments = AttachmentIds.MaxCount;

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

        var role = caller.ActingAs;
        var errors = Validate(request, role);
        if (http.Request.Headers.TryGetValue(RequestKey.HeaderName, out var keyHeader) && !RequestKey.IsWellFormed(keyHeader.ToString()))
        {
            errors[RequestKey.HeaderName] = [$"Use 1 to {RequestKey.MaxLength} visible ASCII characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var component = request.ComponentId is null ? null : await components.FindAsync(request.ComponentId, cancellationToken);
        if (request.ComponentId is not null && ComponentProblem(request, component) is { } componentErrors)
        {
            return Problems.Validation(componentErrors);
        }

        var key = keyHeader.Count == 0
            ? null
            : RequestKey.Create($"report\n{caller.Issuer}\n{caller.Subject}", keyHeader.ToString(), request, LygJsonContext.Default.SubmitReportRequest);

        string caseId;
        var isRetry = false;
        if (key is null)
        {
            caseId = await numbers.NextAsync(cancellationToken);
        }
        else
        {
            var reservation = await idempotency.FindAsync(key, cancellationToken);
            if (reservation is null)
            {
                var fresh = await numbers.NextAsync(cancellationToken);
                reservation = await idempotency.ReserveAsync(key, fresh, cancellationToken);
                isRetry = reservation.ResourceId != fresh;
            }
            else
            {
                isRetry = true;
            }

            if (reservation.RequestHash != key.RequestHash)
            {
                return Problems.IdempotencyMismatch("This Idempotency-Key was first used with a different report.");
            }

            caseId = reservation.ResourceId;
        }

        // The workflow first, then the case: a workflow waits a grace period for its case, so an intake that fails
        // between the two leaves no case without a clock, and a retry with the same key (isRetry: an earlier attempt
        // reserved it) completes it.
        await workflows.EnsureStartedAsync(durable, caseId, mayExist: isRetry, cancellationToken);
        var created = await cases.CreateAsync(ToNewCase(caseId, request, component, caller, role), cancellationToken);
        if (created && isRetry)
        {
            await workflows.RestartIfEndedAsync(durable, caseId, cancellationToken);
        }

        var statusUrl = ApiRoutes.CaseUrl(caseId);
        http.Response.Headers.Location = statusUrl;
        return TypedResults.Json(new ReportAccepted(caseId, statusUrl), LygJsonContext.Wire.ReportAccepted, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Field errors keyed by JSON path; empty when the report is acceptable.</summary>
    public static Dictionary<string, string[]> Validate(SubmitReportRequest request, string role)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var kind = EnumFields.Defined(request.CategoryKind, "categoryKind", errors);
        if (string.IsNullOrWhiteSpace(request.Description))
        {
            errors["description"] = ["A description is required."];
        }
        else if (request.Description.Length > MaxDescriptionLength)
        {
            errors["description"] = [$"At most {MaxDescriptionLength} characters."];
        }

        if (request.ComponentId is not null)
        {
            if (!ComponentId.TryParse(request.ComponentId, out _))
            {
                errors["componentId"] = ["A component id has 16 digits (GB/T 30428.2-2013) or 17 (2026 scheme): division, type code, sequence."];
            }

            if (kind is CodeKind.Event)
            {
                errors["categoryKind"] = ["A report about a component is of kind component."];
            }
        }
        else if (request.CategoryCode is null)
        {
            if (role == Roles.Inspector)
            {
                errors["categoryCode"] = ["Inspectors report with a category code or a component id."];
            }

            if (kind is not null)
            {
                errors["categoryKind"] = [CategoryCode.KindWithoutCodeError];
            }
        }
        else if (CategoryCode.Check(request.CategoryCode, kind) is { } codeError)
        {
            errors["categoryCode"] = [codeError];
        }

        if (request.Location is not null || request.ComponentId is null)
        {
            ValidateLocation(request.Location, errors);
        }

        if (request.Address is { Length: > MaxAddressLength })
        {
            errors["address"] = [$"At most {MaxAddressLength} characters."];
        }

        AttachmentIds.Check(request.AttachmentIds, errors);

        return errors;
    }

    private static void ValidateLocation(GeoLocation? location, Dictionary<string, string[]> errors)
    {
        if (location is null)
        {
            errors["location"] = ["A location is required (or a component id, whose point is then taken)."];
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

        EnumFields.Required(location.Crs, "location.crs", "State the coordinate system: wgs84, gcj02, bd09 or cgcs2000.", errors);
    }

    /// <summary>Why the named component cannot be taken: it is not registered, or the category contradicts its type.</summary>
    private static Dictionary<string, string[]>? ComponentProblem(SubmitReportRequest request, ComponentView? component) => component switch
    {
        null => new() { ["componentId"] = [$"There is no component {request.ComponentId} in the registry."] },
        _ when request.CategoryCode is { } category && category != component.TypeCode => new()
        {
            ["categoryCode"] = [$"Component {component.Id} is of type {component.TypeCode}; leave the category out or send {component.TypeCode}."],
        },
        _ => null,
    };

    /// <summary>The registration clock starts at intake, with the urgency the report implies until an operator sets it.</summary>
    private NewCase ToNewCase(string caseId, SubmitReportRequest request, ComponentView? component, Caller reporter, string role)
    {
        var now = clock.GetUtcNow();
        var (reported, crs) = request.Location is { } location
            ? (new GeoPoint(location.Lat!.Value, location.Lon!.Value), location.Crs!.Value)
            : (new GeoPoint(component!.Location.Lat!.Value, component.Location.Lon!.Value), CoordinateSystem.Wgs84);
        var wgs84 = CoordinateConversion.ToWgs84(reported, crs);
        var category = request.CategoryCode ?? component?.TypeCode;
        var kind = component is null ? CategoryCode.KindOf(category, request.CategoryKind) : CodeKind.Component;
        return new NewCase(
            caseId,
            role == Roles.Inspector ? CaseSource.Inspector : CaseSource.Citizen,
            request.Description!.Trim(),
            category,
            wgs84,
            reported,
            crs,
            places.Locate(wgs84.Lat, wgs84.Lon),
            string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim(),
            request.AttachmentIds ?? [],
            reporter.Subject,
            role,
            now,
            clocks.Begin(CaseStage.Register, 1, category, Urgency.Normal, now, kind),
            component is null ? null : new CaseComponent(component.Id, component.TypeCode, component.OwnerUnit?.Code, component.MaintenanceUnit?.Code),
            kind,
            reporter.Issuer);
    }
}
