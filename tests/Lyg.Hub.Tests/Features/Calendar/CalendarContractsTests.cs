using System.Text.Json;
using Lyg.Contracts;

namespace Lyg.Hub.Tests.Features.HolidayCalendar;

/// <summary>The calendar's wire contracts: ISO dates, enum names as declared, a round trip without loss.</summary>
public sealed class CalendarContractsTests
{
    [Fact]
    public void A_loaded_year_round_trips_with_iso_dates_and_its_source_kind_by_name()
    {
        var loaded = new CalendarYearLoaded(
            new CalendarYearView(2027, [new DateOnly(2027, 1, 1)], [new DateOnly(2027, 2, 20)], new CalendarYearSource(CalendarSourceKind.Loaded, null, "admin-1", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)))),
            3);

        var json = JsonSerializer.Serialize(loaded, LygJsonContext.Wire.CalendarYearLoaded);
        var back = JsonSerializer.Deserialize(json, LygJsonContext.Default.CalendarYearLoaded)!;

        Assert.Equal(
            """{"calendar":{"year":2027,"holidays":["2027-01-01"],"makeUpWorkingDays":["2027-02-20"],"source":{"kind":"loaded","loadedBy":"admin-1","loadedAt":"2026-12-01T09:00:00+08:00"}},"replannedStages":3}""",
            json);
        Assert.Equal(json, JsonSerializer.Serialize(back, LygJsonContext.Wire.CalendarYearLoaded));
    }

    [Theory]
    [InlineData(CalendarSourceKind.BuiltIn, "builtIn")]
    [InlineData(CalendarSourceKind.File, "file")]
    public void Source_kinds_travel_by_their_declared_names(CalendarSourceKind kind, string name)
    {
        Assert.Equal($$"""{"kind":"{{name}}"}""", JsonSerializer.Serialize(new CalendarYearSource(kind), LygJsonContext.Wire.CalendarYearSource));
    }

    [Fact]
    public void Health_lists_the_calendar_years_beside_its_checks()
    {
        var report = new HealthReport("healthy", [], null, new CalendarHealth([2026, 2027]));

        Assert.Equal("""{"status":"healthy","checks":[],"calendar":{"years":[2026,2027]}}""", JsonSerializer.Serialize(report, LygJsonContext.Wire.HealthReport));
    }
}
