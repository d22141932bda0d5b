using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Calendar;

/// <summary>
/// GET v1/calendar/{year}: the year's holidays and make-up working days and where they come from — loaded by an
/// administrator (who, when), the <c>Calendar:File</c> file, or the built-in data, in that precedence. 404 for a year
/// without data, whose deadlines count weekends only.
/// </summary>
public sealed class GetCalendarYear(CalendarStore store, ConfiguredCalendar configured)
{
    public async Task<IResult> HandleAsync(HttpContext http, string year)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!CalendarYears.TryParse(year, out var number))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["year"] = [CalendarYears.YearError] });
        }

        if (await store.FindAsync(number, http.RequestAborted) is { } loaded)
        {
            return TypedResults.Json(CalendarYears.View(loaded), LygJsonContext.Wire.CalendarYearView);
        }

        return configured.Find(number) is var (found, source)
            ? TypedResults.Json(CalendarYears.View(found, source), LygJsonContext.Wire.CalendarYearView)
            : Problems.NotFound($"No working-calendar data for {number}: its deadlines count weekends only until it is loaded (PUT v1/calendar/{number}).");
    }
}
