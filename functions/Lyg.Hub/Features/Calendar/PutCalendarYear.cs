using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Calendar;

/// <summary>
/// PUT v1/calendar/{year}: an administrator loads a year's public holidays and make-up working days from the State
/// Council's notice. The year replaces whatever the built-in data or the calendar file held for it (201 when first
/// loaded, 200 when replaced). The running stages it reaches are re-planned first (<see cref="ReplanStages"/>), from
/// the stored calendar to the new one, each case once per change; then the year is saved and this host puts it in force;
/// other hosts take it up within <c>Calendar:RefreshInterval</c>. A refused request writes nothing. A request that
/// failed midway is completed by repeating it (cases already moved are not moved again); repeating an accepted one
/// moves nothing.
/// </summary>
public sealed class PutCalendarYear(
    CalendarStore store, ConfiguredCalendar configured, CalendarRefresher refresher, ReplanStages replan, TimeProvider time)
{
    /// <summary>More dates than days in a year is a mistake, not a calendar.</summary>
    public const int MaxDates = 366;

    private const string DateFormat = "yyyy-MM-dd";

    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable, string year)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var (request, unreadable) = await JsonBody.ReadAsync(http.Request, LygJsonContext.Default.PutCalendarYearRequest, cancellationToken);
        if (request is null)
        {
            return unreadable!;
        }

        var (calendarYear, errors) = Validate(year, request);
        if (calendarYear is null)
        {
            return Problems.Validation(errors);
        }

        // Both calendars come from storage, not from what this host has in force, so a retry sees the same change.
        var stored = await store.ListAsync(cancellationToken);
        var before = configured.With(stored.Select(l => l.Year));
        var after = configured.With([.. stored.Select(l => l.Year), calendarYear]);
        var change = RequestKey.Create(
            "calendar-replan", string.Create(CultureInfo.InvariantCulture, $"{calendarYear.Year}@{CalendarYears.VersionOf(stored)}"), Normalised(calendarYear), LygJsonContext.Default.PutCalendarYearRequest);
        var loaded = new LoadedCalendarYear(calendarYear, http.GetCaller().Subject, time.GetUtcNow());
        var moved = await replan.RunAsync(durable, calendarYear.Year, before, after, loaded.LoadedBy, change, cancellationToken);
        var created = await store.SaveAsync(loaded, cancellationToken);
        await refresher.ApplyLoadedYearsAsync(cancellationToken);
        return TypedResults.Json(
            new CalendarYearLoaded(CalendarYears.View(loaded), moved),
            LygJsonContext.Wire.CalendarYearLoaded,
            statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>
    /// The year, or field errors keyed by JSON name and index (<c>holidays[3]</c>, the route's year as <c>year</c>):
    /// ISO dates inside the year, none listed twice or both a holiday and a make-up day, make-up days on a Saturday or
    /// Sunday (a make-up day on a weekday changes nothing, so it is a typo), at most <see cref="MaxDates"/> of each.
    /// </summary>
    public static (CalendarYear? Year, Dictionary<string, string[]> Errors) Validate(string year, PutCalendarYearRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        int? number = CalendarYears.TryParse(year, out var parsed) ? parsed : null;
        if (number is null)
        {
            errors["year"] = [CalendarYears.YearError];
        }

        var holidays = Dates("holidays", request.Holidays, number, errors, (_, _) => null);
        var holidaySet = holidays.ToHashSet();
        var makeUpDays = Dates("makeUpWorkingDays", request.MakeUpWorkingDays, number, errors, (day, text) =>
            day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) ? $"{text} is a {day.DayOfWeek}: a make-up working day is a Saturday or Sunday."
            : holidaySet.Contains(day) ? $"{text} is also listed as a holiday."
            : null);

        return errors.Count > 0 || number is not { } valid
            ? (null, errors)
            : (new CalendarYear(valid, holidays, makeUpDays), errors);
    }

    private static PutCalendarYearRequest Normalised(CalendarYear year) =>
        new([.. year.Holidays.Order().Select(Iso)], [.. year.MakeUpWorkingDays.Order().Select(Iso)]);

    private static string Iso(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static List<DateOnly> Dates(
        string field, IReadOnlyList<string?>? items, int? year, Dictionary<string, string[]> errors, Func<DateOnly, string, string?> check)
    {
        var days = new List<DateOnly>();
        if (items is null)
        {
            errors[field] = ["A list of dates is required; send [] for none."];
            return days;
        }

        if (items.Count > MaxDates)
        {
            errors[field] = [$"At most {MaxDates} dates."];
            return days;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i];
            var error = !DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? $"'{text}' is not a date in the form {DateFormat}."
                : year is { } y && day.Year != y ? $"{text} is not in {y}."
                : days.Contains(day) ? $"{text} is listed twice."
                : check(day, text!);
            if (error is null)
            {
                days.Add(day);
            }
            else
            {
                errors[string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]")] = [error];
            }
        }

        return days;
    }
}
