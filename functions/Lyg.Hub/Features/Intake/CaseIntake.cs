using System.Text.Json.Serialization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Time;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Intake;

/// <summary>Who reported: a person of an identity provider, or a machine client of the registry, in the role it acted in.</summary>
public sealed record IntakeReporter(string Issuer, string Subject, string Role);

/// <summary>Something the case came from or belongs with: an alert, an upstream task, a 12345 work order, another case.</summary>
public sealed record CaseLink(string Rel, string Ref);

/// <summary>
/// What makes a repeat a repeat: <see cref="Value"/> (the 12345 work-order number, the alert id, the upstream task id,
/// or a client's Idempotency-Key) within <see cref="Scope"/> (the channel, and for Idempotency-Keys the client that
/// chose it, since a key is unique only to its client).
/// </summary>
public sealed record SourceKey(string Scope, string Value);

/// <summary>
/// A new case from any channel. Members the caller may leave out are nullable so that every channel's mistakes reach
/// the same validation, keyed by the field names of POST v1/reports. <see cref="SelfHandled"/> is an inspector's
/// 自行处置: the problem is already fixed, so the case starts handled, in its check stage (left out of the source key's
/// hash when false, so keys of reports stored before it existed still match their retries).
/// </summary>
public sealed record IntakeRequest(
    CaseSource Source,
    IntakeReporter Reporter,
    string? Description,
    string? CategoryCode,
    GeoLocation? Location,
    string? Address = null,
    IReadOnlyList<string>? AttachmentIds = null,
    string? ComponentId = null,
    CodeKind? CategoryKind = null,
    string? CategoryScheme = null,
    Urgency? Urgency = null,
    DateTimeOffset? UpstreamDeadline = null,
    IReadOnlyList<CaseLink>? Links = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool SelfHandled = false);

/// <summary>What became of an intake.</summary>
public abstract record IntakeOutcome
{
    /// <summary>The case exists; <see cref="Created"/> is false when an earlier intake with the same source key made it.</summary>
    public sealed record Accepted(string CaseId, bool Created) : IntakeOutcome;

    /// <summary>Field errors keyed by JSON path; nothing was written.</summary>
    public sealed record Rejected(IReadOnlyDictionary<string, string[]> Errors) : IntakeOutcome;

    /// <summary>The source key was first used with a different payload; nothing was written.</summary>
    public sealed record KeyConflict(string ExistingCaseId) : IntakeOutcome;

    /// <summary>The reporter has filed as many reports as a window allows; nothing was written.</summary>
    public sealed record Limited(TimeSpan RetryAfter) : IntakeOutcome;
}

[JsonSerializable(typeof(IntakeRequest))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;

/// <summary>
/// Case intake (发现/上报) for every channel: citizens and inspectors over HTTP, the 12345 hotline, sensor and video
/// alerts, upstream tasks and Open311. The same source key gives the same case whatever the order and number of
/// repeats, on every host that shares the storage: the key's reservation, not the host, decides. The point is stored in
/// WGS84 beside the client's original, with the grid it lies in; a point in no grid is still accepted, without a place,
/// because a report from the edge of town is better taken than refused. A report about a registered component takes
/// the component's type as its category and its point as the location when those are left out. Once placed, a report
/// is checked against the open cases of its category nearby (<see cref="DuplicateIndex"/>): those found are recorded on it
/// as likely duplicates for an operator to merge; a lookup that fails leaves the report unflagged, never refused.
/// </summary>
public sealed class CaseIntake(
    CaseStore cases,
    IdempotencyStore idempotency,
    CaseNumberAllocator numbers,
    CaseWorkflowClient workflows,
    StageClocks clocks,
    CurrentPlaces places,
    ComponentStore components,
    CodeCatalog codes,
    ReportQuota quota,
    AttachmentClaims attachments,
    TimeProvider clock,
    DuplicateIndex duplicates)
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxAddressLength = 200;
    public const int MaxLinks = 20;
    public const int MaxLinkLength = 256;

    public async Task<IntakeOutcome> SubmitAsync(IntakeRequest request, SourceKey? sourceKey, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = Validate(request, codes);
        if (errors.Count > 0)
        {
            return new IntakeOutcome.Rejected(errors);
        }

        var component = request.ComponentId is null ? null : await components.FindAsync(request.ComponentId, cancellationToken);
        if (request.ComponentId is not null && ComponentProblem(request, component) is { } componentErrors)
        {
            return new IntakeOutcome.Rejected(componentErrors);
        }

        var reporter = request.Reporter;
        var notOwned = await attachments.CheckAsync(request.AttachmentIds, reporter.Issuer, reporter.Subject, unboundOnly: sourceKey is null, cancellationToken);
        if (notOwned.Count > 0)
        {
            return new IntakeOutcome.Rejected(notOwned);
        }

        // A number is drawn before the key is checked: with numbers handed out from memory that costs no round trip,
        // and a repeat then reserves in one write instead of a read and a write.
        var caseId = await numbers.NextAsync(cancellationToken);
        var isRepeat = false;
        RequestKey? key = null;
        if (sourceKey is not null)
        {
            key = RequestKey.Create($"intake\n{request.Source}\n{sourceKey.Scope}", sourceKey.Value, request, IntakeJsonContext.Default.IntakeRequest);
            var reservation = await idempotency.ReserveAsync(key, caseId, cancellationToken);
            if (reservation.RequestHash != key.RequestHash)
            {
                return new IntakeOutcome.KeyConflict(reservation.ResourceId);
            }

            isRepeat = reservation.ResourceId != caseId;
            caseId = reservation.ResourceId;
        }

        // Counted after the key is reserved, so the retry of a report already counted is not counted again; a refused
        // report withdraws its reservation, so its retry after the window is counted like any new report.
        if (!isRepeat && request.Reporter.Role == Roles.Citizen
            && await quota.TryTakeAsync(request.Reporter, cancellationToken) is { Allowed: false } refused)
        {
            await ReleaseAsync(key, caseId, cancellationToken);
            return new IntakeOutcome.Limited(refused.RetryAfter);
        }

        // Bound once the case id is settled (a repeat binds to the case its first attempt bound them to); only a race
        // with another report naming the same photo fails here, and then the key is withdrawn as for a refused report.
        var claim = await attachments.ClaimAsync(request.AttachmentIds, reporter.Issuer, reporter.Subject, caseId, cancellationToken);
        if (claim.Errors.Count > 0)
        {
            if (!isRepeat)
            {
                await ReleaseAsync(key, caseId, cancellationToken);
            }

            return new IntakeOutcome.Rejected(claim.Errors);
        }

        // The workflow first, then the case: a workflow waits a grace period for its case, so an intake that fails
        // between the two leaves no case without a clock, and a repeat (an earlier attempt reserved the key) completes it.
        var newCase = ToNewCase(caseId, request, component);
        newCase = newCase with { LikelyDuplicates = await duplicates.IndexAndFindAsync(newCase, cancellationToken) };

        if (isRepeat)
        {
            await workflows.EnsureStartedAsync(durable, caseId, cancellationToken);
        }
        else
        {
            await workflows.StartForNewCaseAsync(durable, newCase, cancellationToken);
        }

        var created = await cases.CreateAsync(newCase, cancellationToken);
        if (created && isRepeat)
        {
            await workflows.SuperviseLateCaseAsync(durable, caseId, cancellationToken);
        }

        if (created)
        {
            HubMetrics.ReportAccepted(request.Source);
        }

        return new IntakeOutcome.Accepted(caseId, created);
    }

    private async Task ReleaseAsync(RequestKey? key, string caseId, CancellationToken cancellationToken)
    {
        if (key is not null)
        {
            await idempotency.ReleaseAsync(key, caseId, cancellationToken);
        }
    }

    /// <summary>Field errors keyed by JSON path; empty when the intake is acceptable.</summary>
    public static Dictionary<string, string[]> Validate(IntakeRequest request, CodeCatalog codes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(codes);
        var errors = new Dictionary<string, string[]>();
        var kind = EnumFields.Defined(request.CategoryKind, "categoryKind", errors);
        EnumFields.Defined(request.Urgency, "urgency", errors);
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
            if (request.Source == CaseSource.Inspector)
            {
                errors["categoryCode"] = ["Inspectors report with a category code or a component id."];
            }

            if (kind is not null)
            {
                errors["categoryKind"] = [CategoryCode.KindWithoutCodeError];
            }
        }
        else if (CategoryCode.Check(request.CategoryCode, kind, codes) is { } codeError)
        {
            errors["categoryCode"] = [codeError];
        }

        if (request.CategoryScheme is { } scheme && (request.CategoryCode is null || CodeSchemes.OfCategoryCode(request.CategoryCode) != scheme))
        {
            errors["categoryScheme"] = [codes.HasScheme(scheme)
                ? $"The category code is not of scheme {scheme}."
                : $"There is no scheme {scheme}. Known: {string.Join(", ", codes.Schemes)}."];
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
        ValidateLinks(request.Links, errors);
        if (request.SelfHandled)
        {
            if (request.Source != CaseSource.Inspector)
            {
                errors["selfHandled"] = ["Only inspectors report problems they fixed on the spot (自行处置)."];
            }
            else if (request.AttachmentIds is not { Count: > 0 })
            {
                errors["attachmentIds"] = ["A problem fixed on the spot (自行处置) is reported with at least one photo of the result."];
            }
        }

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

    private static void ValidateLinks(IReadOnlyList<CaseLink>? links, Dictionary<string, string[]> errors)
    {
        if (links is null)
        {
            return;
        }

        if (links.Count > MaxLinks)
        {
            errors["links"] = [$"At most {MaxLinks} links."];
            return;
        }

        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is not { Rel.Length: > 0 and <= MaxLinkLength, Ref.Length: > 0 and <= MaxLinkLength })
            {
                errors[$"links[{i}]"] = [$"A link has a rel and a ref of 1 to {MaxLinkLength} characters."];
            }
        }
    }

    /// <summary>Why the named component cannot be taken: it is not registered, or the category contradicts its type.</summary>
    private static Dictionary<string, string[]>? ComponentProblem(IntakeRequest request, ComponentView? component) => component switch
    {
        null => new() { ["componentId"] = [$"There is no component {request.ComponentId} in the registry."] },
        _ when request.CategoryCode is { } category && category != component.TypeCode => new()
        {
            ["categoryCode"] = [$"Component {component.Id} is of type {component.TypeCode}; leave the category out or send {component.TypeCode}."],
        },
        _ => null,
    };

    /// <summary>
    /// The registration clock starts at intake, with the urgency the channel gave or normal until an operator sets it; a
    /// problem fixed on the spot starts handled, with the check clock running instead.
    /// </summary>
    private NewCase ToNewCase(string caseId, IntakeRequest request, ComponentView? component)
    {
        var now = clock.GetUtcNow();
        var (reported, crs) = request.Location is { } location
            ? (new GeoPoint(location.Lat!.Value, location.Lon!.Value), location.Crs!.Value)
            : (new GeoPoint(component!.Location.Lat!.Value, component.Location.Lon!.Value), CoordinateSystem.Wgs84);
        var wgs84 = CoordinateConversion.ToWgs84(reported, crs);
        var category = request.CategoryCode ?? component?.TypeCode;
        var kind = component is null ? CategoryCode.KindOf(category, request.CategoryKind, codes) : CodeKind.Component;
        return new NewCase(
            caseId,
            request.Source,
            request.Description!.Trim(),
            category,
            wgs84,
            reported,
            crs,
            places.Locate(wgs84.Lat, wgs84.Lon),
            string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim(),
            request.AttachmentIds ?? [],
            request.Reporter.Subject,
            request.Reporter.Role,
            now,
            clocks.Begin(request.SelfHandled ? CaseStage.Check : CaseStage.Register, 1, category, request.Urgency ?? Contracts.Urgency.Normal, now, kind),
            component is null ? null : new CaseComponent(component.Id, component.TypeCode, component.OwnerUnit?.Code, component.MaintenanceUnit?.Code),
            kind,
            request.Reporter.Issuer,
            request.Urgency,
            request.UpstreamDeadline,
            request.Links ?? [],
            request.SelfHandled ? CaseState.Handled : CaseState.Reported);
    }
}
