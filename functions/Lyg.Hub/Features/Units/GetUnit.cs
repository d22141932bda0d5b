using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Units;

/// <summary>
/// GET v1/units/{unitCode}: anyone signed in may read a unit, so a citizen can see who handles their case. The notice
/// contact is a dispatch channel, shown to center staff and unit staff only.
/// </summary>
public sealed class GetUnit(UnitStore units)
{
    public async Task<IResult> HandleAsync(HttpContext http, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        var unit = await units.FindAsync(unitCode, http.RequestAborted);
        if (unit is null)
        {
            return Problems.NotFound($"No unit {unitCode}.");
        }

        var view = MaySeeContact(caller) ? unit : unit with { NoticeContact = null };
        return TypedResults.Json(view, LygJsonContext.Wire.UnitView);
    }

    internal static bool MaySeeContact(Caller caller) => caller.IsStaff || caller.IsUnitStaff;
}
