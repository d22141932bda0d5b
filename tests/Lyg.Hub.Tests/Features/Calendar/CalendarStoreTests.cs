using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Time;
using static Lyg.Hub.Tests.Features.HolidayCalendar.CalendarFixtures;

namespace Lyg.Hub.Tests.Features.HolidayCalendar;

[Collection(AzuriteDefinition.Name)]
public sealed class CalendarStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset LoadedAt = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_saved_year_reads_back_with_who_loaded_it_and_when()
    {
        var store = await NewStoreAsync(azurite);
        var year = new CalendarYear(2027, [new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 6)], [new DateOnly(2027, 2, 20)]);

        var created = await store.SaveAsync(new LoadedCalendarYear(year, "admin-1", LoadedAt), CancellationToken.None);
        var found = await store.FindAsync(2027, CancellationToken.None);

        Assert.True(created);
        Assert.Equal(("admin-1", LoadedAt), (found!.LoadedBy, found.LoadedAt));
        Assert.Equal(year.Holidays, found.Year.Holidays);
        Assert.Equal(year.MakeUpWorkingDays, found.Year.MakeUpWorkingDays);
        Assert.Null(await store.FindAsync(2028, CancellationToken.None));
    }

    [Fact]
    public async Task Saving_a_year_again_replaces_it_whole_and_years_list_in_order()
    {
        var store = await NewStoreAsync(azurite);
        await store.SaveAsync(new LoadedCalendarYear(new CalendarYear(2028, [new DateOnly(2028, 1, 3)], []), "admin-1", LoadedAt), CancellationToken.None);
        await store.SaveAsync(new LoadedCalendarYear(NewYear2027, "admin-1", LoadedAt), CancellationToken.None);

        var created = await store.SaveAsync(new LoadedCalendarYear(new CalendarYear(2027, [], []), "admin-2", LoadedAt.AddHours(1)), CancellationToken.None);
        var years = await store.ListAsync(CancellationToken.None);

        Assert.False(created);
        Assert.Equal([2027, 2028], years.Select(y => y.Year.Year));
        Assert.Empty(years[0].Year.Holidays);
        Assert.Equal("admin-2", years[0].LoadedBy);
    }
}
