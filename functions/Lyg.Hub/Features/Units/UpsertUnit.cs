using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Features.Routing;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Routing;
using Microsoft.AspNetCore.Http;
using Lyg.Orchestrations.Units;

namespace Lyg.Hub.Features.Units;

/// <summary>
/// PUT v1/units/{unitCode}: an administrator creates (201) or replaces (200) a unit. PUT carries the whole unit:
/// an omitted parent, contact or service area clears it, an omitted <c>active</c> means active. Replaying the same PUT
/// is harmless. A service area names places of the place map in force and categories routing can match; routing on
/// this host uses the change at once.
/// </summary>
public sealed class UpsertUnit(UnitStore units, CurrentPlaces places, CurrentRouting routing)
{
    public const int MaxNameLength = 100;
    public const int MaxNoticeContactLength = 200;
    public const int MaxServiceAreaPlaces = 500;
    public const int MaxServiceAreaCategories = 100;

    public async Task<IResult> HandleAsync(HttpContext http, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var (request, unreadable) = await JsonBody.ReadAsync(http.Request, LygJsonContext.Default.UpsertUnitRequest, cancellationToken);
        if (request is null)
        {
            return unreadable!;
        }

        var errors = Validate(unitCode, request);
        ValidateServiceArea(request.ServiceArea, places.Map, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var unit = new UnitView(
            unitCode,
            request.Name!.Trim(),
            request.Kind!.Value,
            Blank(request.ParentCode),
            Blank(request.NoticeContact),
            request.Active ?? true,
            ServiceAreaOf(request.ServiceArea));
        var outcome = await units.UpsertAsync(unit, cancellationToken);
        if (outcome is UnitUpsertOutcome.Created or UnitUpsertOutcome.Updated)
        {
            await routing.RefreshAsync(cancellationToken);
        }

        switch (outcome)
        {
            case UnitUpsertOutcome.Created:
                http.Response.Headers.Location = ApiRoutes.UnitUrl(unitCode);
                return TypedResults.Json(unit, LygJsonContext.Wire.UnitView, statusCode: StatusCodes.Status201Created);
            case UnitUpsertOutcome.Updated:
                return TypedResults.Json(unit, LygJsonContext.Wire.UnitView);
            case UnitUpsertOutcome.UnknownParent:
                return ParentProblem($"There is no unit {unit.ParentCode}.");
            case UnitUpsertOutcome.Cycle:
                return ParentProblem($"{unit.ParentCode} is {unitCode} itself or one of its descendants; a unit cannot be its own ancestor.");
            default: // UnitUpsertOutcome.TooDeep
                return ParentProblem($"The chain of parents above {unit.ParentCode} is longer than {UnitStore.MaxAncestors} units.");
        }
    }

    /// <summary>Field errors keyed by JSON name (the route's code as <c>unitCode</c>); empty when the request is acceptable.</summary>
    public static Dictionary<string, string[]> Validate(string unitCode, UpsertUnitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (!UnitCode.IsWellFormed(unitCode))
        {
            errors["unitCode"] = [UnitCode.ShapeError];
        }

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = ["A name is required."];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [$"At most {MaxNameLength} characters."];
        }

        EnumFields.Required(request.Kind, "kind", "A kind is required: department, enterprise, district, county or streetOffice.", errors);

        if (Blank(request.ParentCode) is { } parent && !UnitCode.IsWellFormed(parent))
        {
            errors["parentCode"] = [UnitCode.ShapeError];
        }

        if (Blank(request.NoticeContact) is { Length: > MaxNoticeContactLength })
        {
            errors["noticeContact"] = [$"At most {MaxNoticeContactLength} characters."];
        }

        return errors;
    }

    /// <summary>
    /// Adds the service area's errors: places must be places of <paramref name="map"/> (any level), categories routing
    /// keys whose exact codes the catalogue knows; both lists non-empty and bounded, without duplicates.
    /// </summary>
    public static void ValidateServiceArea(UnitServiceAreaRequest? area, PlaceMap map, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(errors);
        if (area is null)
        {
            return;
        }

        var placeErrors = ListErrors(area.Places, MaxServiceAreaPlaces, "place", code =>
            !RoutingRules.IsPlaceKey(code) || code == RoutingRules.Any
                ? $"{code} is not a place code: a division (6 digits), street (9), community (12) or grid (15)."
                : map.Find(code) is null ? $"{code} is not a place of the place map in force ({map.Label})." : null);
        if (placeErrors.Count > 0)
        {
            errors["serviceArea.places"] = [.. placeErrors];
        }

        var categoryErrors = ListErrors(area.Categories, MaxServiceAreaCategories, "category", code =>
            !RoutingRules.IsCategoryKey(code) ? $"{code}: a category is a 4- or 5-digit code, a major class such as 01*, or *."
            : code.EndsWith('*') ? null
            : CategoryCode.Check(code));
        if (categoryErrors.Count > 0)
        {
            errors["serviceArea.categories"] = [.. categoryErrors];
        }
    }

    private static List<string> ListErrors(IReadOnlyList<string?>? items, int max, string noun, Func<string, string?> check)
    {
        if (items is null || items.Count == 0)
        {
            return [$"Name at least one {noun} (or leave out the whole service area)."];
        }

        if (items.Count > max)
        {
            return [$"At most {max} entries."];
        }

        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (string.IsNullOrWhiteSpace(item))
            {
                errors.Add($"A {noun} may not be empty.");
            }
            else if (!seen.Add(item))
            {
                errors.Add($"{item} is listed twice.");
            }
            else if (check(item) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private static UnitServiceArea? ServiceAreaOf(UnitServiceAreaRequest? area) =>
        area is null ? null : new UnitServiceArea([.. area.Places!.Select(p => p!)], [.. area.Categories!.Select(c => c!)]);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult ParentProblem(string message) =>
        Problems.Validation(new Dictionary<string, string[]> { ["parentCode"] = [message] });
}
