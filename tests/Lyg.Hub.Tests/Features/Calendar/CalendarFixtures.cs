using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Features.HolidayCalendar;

/// <summary>Fresh calendar tables, the calendars the tests compare, and a refresher over them.</summary>
internal static class CalendarFixtures
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>The built-in calendar: holiday data for 2026 only.</summary>
    public static readonly ConfiguredCalendar BuiltIn = ConfiguredCalendar.From(WorkingCalendar.BuiltInData, null);

    /// <summary>A 2027 with New Year's Day (a Friday) off, which the weekends-only fallback counts as a working day.</summary>
    public static readonly CalendarYear NewYear2027 = new(2027, [new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 3)], []);

    public static WorkingCalendar With(params CalendarYear[] years) => WorkingCalendar.FromData(WorkingCalendar.BuiltInData.WithYears(years));

    /// <summary>A store over a table of its own, so a test sees only the years it wrote.</summary>
    public static async Task<CalendarStore> NewStoreAsync(AzuriteFixture azurite)
    {
        var store = new CalendarStore(azurite.Tables, "Calendar" + Guid.NewGuid().ToString("N"));
        await store.EnsureTableAsync(CancellationToken.None);
        return store;
    }

    public static CalendarRefresher Refresher(CalendarStore store, CalendarInForce calendars, TimeProvider time, ConfiguredCalendar? configured = null) =>
        new(store, configured ?? BuiltIn, calendars, Options.Create(new CalendarOptions { RefreshInterval = Interval }), time, NullLogger<CalendarRefresher>.Instance);
}
