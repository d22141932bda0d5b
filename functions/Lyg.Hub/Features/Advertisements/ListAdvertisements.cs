using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Places;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Advertisements;

/// <summary>
/// GET v1/monitoring/advertisements?kind=&amp;place=&amp;permit=&amp;limit=&amp;continuationToken=: the registry of
/// outdoor advertisements and signboards in id order for the operations centre, each with where its permit stands
/// on today's China Standard Time date and the level the daily permit job gives it. <c>place</c> is a grid,
/// community, street or district code of the place map; <c>permit</c> is valid, expiring, expired or not-yet-valid.
/// The registry is read whole for each page: a city's tens of thousands of advertisements are a few dozen table pages.
/// Empty parameters count as absent.
/// </summary>
public sealed class ListAdvertisements(AdvertisementStore advertisements, CurrentPlaces places, IOptions<AdvertisementOptions> options, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = new QueryParameters(http.Request.Query);
        var kind = query.Text("kind");
        if (kind is not null && !AdvertisementStore.IsWellFormedKind(kind))
        {
            query.Errors["kind"] = [AdvertisementStore.KindShapeError];
        }

        var place = query.Text("place");
        if (place is not null && places.Map.Find(place) is null)
        {
            query.Errors["place"] = [$"No grid, community, street or district {place} in the place map ({places.Map.Label})."];
        }

        var permit = query.Enum<PermitStanding>("permit");
        var limit = query.Limit();
        // The token is the last id of the previous page; ids never hold characters outside their shape.
        var after = query.ContinuationToken();
        if (after is not null && !AdvertisementStore.IsWellFormedId(after))
        {
            query.Errors["continuationToken"] = ["Pass back the continuationToken of the previous page unchanged."];
        }

        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(WorkingCalendar.ChinaStandardTime).DateTime);
        var map = places.Map;
        var matching = new List<AdvertisementSummary>();
        await foreach (var ad in advertisements.ListAsync(http.RequestAborted))
        {
            if ((kind is not null && ad.Kind != kind) || (after is not null && string.CompareOrdinal(ad.AdvertisementId, after) <= 0))
            {
                continue;
            }

            var summary = Summary(ad, today);
            if ((permit is null || summary.Permit == permit) && (place is null || IsIn(map.Grids.Locate(ad.Location.Lat, ad.Location.Lon), place)))
            {
                matching.Add(summary);
            }
        }

        var page = matching.OrderBy(a => a.AdvertisementId, StringComparer.Ordinal).Take(limit + 1).ToList();
        var items = page.Take(limit).ToList();
        return TypedResults.Json(new AdvertisementPage(items, page.Count > limit ? items[^1].AdvertisementId : null), LygJsonContext.Wire.AdvertisementPage);
    }

    private AdvertisementSummary Summary(Advertisement ad, DateOnly today)
    {
        var daysLeft = AdvertisementPermitAlerts.DaysLeft(ad, today);
        var standing = daysLeft < 0 ? PermitStanding.Expired
            : today < ad.PermitValidFrom ? PermitStanding.NotYetValid
            : daysLeft <= options.Value.BlueDaysBefore ? PermitStanding.Expiring
            : PermitStanding.Valid;
        return new AdvertisementSummary(
            ad.AdvertisementId, ad.Kind, ad.Owner, new GeoLocation(ad.Location.Lat, ad.Location.Lon, CoordinateSystem.Wgs84), ad.Grid, ad.PermitNumber,
            ad.PermitValidFrom, ad.PermitValidUntil, standing, daysLeft, AdvertisementPermitAlerts.LevelOn(ad, today, options.Value));
    }

    private static bool IsIn(GridLocation? at, string place) =>
        at is not null && (at.Grid == place || at.Community.Code == place || at.Street.Code == place || at.District.Code == place);

}
