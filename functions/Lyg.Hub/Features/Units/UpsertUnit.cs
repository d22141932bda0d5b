using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Lyg.Orchestrations.Units;

namespace Lyg.Hub.Features.Units;

/// <summary>
/// PUT v1/units/{unitCode}: an administrator creates (201) or replaces (200) a unit. PUT carries the whole unit:
/// an omitted parent or contact clears it, an omitted <c>active</c> means active. Replaying the same PUT is harmless.
/// </summary>
public sealed class UpsertUnit(UnitStore units)
{
    public const int MaxNameLength = 100;
    public const int MaxNoticeContactLength = 200;

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
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var unit = new UnitView(
            unitCode, request.Name!.Trim(), request.Kind!.Value, Blank(request.ParentCode), Blank(request.NoticeContact), request.Active ?? true);
        switch (await units.UpsertAsync(unit, cancellationToken))
        {
            case UnitUpsertOutcome.Created:
                http.Response.Headers.Location = ApiRoutes.UnitUrl(unitCode);
                return TypedResults.Json(unit, LygJsonContext.Default.UnitView, statusCode: StatusCodes.Status201Created);
            case UnitUpsertOutcome.Updated:
                return TypedResults.Json(unit, LygJsonContext.Default.UnitView);
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

        if (request.Kind is null)
        {
            errors["kind"] = ["A kind is required: department, enterprise, district, county or streetOffice."];
        }

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


    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult ParentProblem(string message) =>
        Problems.Validation(new Dictionary<string, string[]> { ["parentCode"] = [message] });
}
