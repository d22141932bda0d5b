using Azure.Data.Tables;
using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Features.HolidayCalendar.CalendarFixtures;

namespace Lyg.Hub.Tests.Features.HolidayCalendar;

[Collection(AzuriteDefinition.Name)]
public sealed class CalendarRefresherTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
    private readonly CalendarInForce _calendars = new(WorkingCalendar.FromData(BuiltIn.Data));

    [Fact]
    public async Task At_start_the_loaded_years_go_in_force_over_the_configured_calendar()
    {
        var store = await NewStoreAsync(azurite);
        await store.SaveAsync(new LoadedCalendarYear(NewYear2027, "admin-1", _clock.GetUtcNow()), CancellationToken.None);
        using var refresher = Refresher(store, _calendars, _clock);

        await refresher.StartAsync(CancellationToken.None);

        Assert.Equal([2026, 2027], _calendars.Calendar.Years);
        Assert.False(_calendars.Calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_year_saved_by_another_host_is_swapped_in_at_the_next_tick_and_an_unchanged_read_keeps_the_calendar()
    {
        var store = await NewStoreAsync(azurite);
        using var refresher = Refresher(store, _calendars, _clock);
        await refresher.StartAsync(CancellationToken.None);
        var first = _calendars.Calendar;

        await store.SaveAsync(new LoadedCalendarYear(NewYear2027, "admin-1", _clock.GetUtcNow()), CancellationToken.None);

        await Lyg.Testing.Poll.UntilAsync(() => Task.FromResult(NextTick().HasDataFor(2027)), loaded => loaded, TimeSpan.FromSeconds(10), "the refresher to load 2027");
        var swapped = _calendars.Calendar;
        Assert.NotSame(first, swapped);
        Assert.False(await refresher.ApplyLoadedYearsAsync(CancellationToken.None));
        Assert.Same(swapped, _calendars.Calendar);
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_at_start_leaves_the_configured_calendar_and_the_host_starts()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var nowhere = new TableServiceClient(new Uri($"http://127.0.0.1:{Lyg.Testing.FreePort.Next()}/devstoreaccount1"), new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])), options);
        var configured = _calendars.Calendar;
        using var refresher = Refresher(new CalendarStore(nowhere), _calendars, _clock);

        await refresher.StartAsync(CancellationToken.None);

        Assert.Same(configured, _calendars.Calendar);
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failing_read_keeps_the_last_good_calendar_and_a_later_tick_recovers()
    {
        var tableName = "Calendar" + Guid.NewGuid().ToString("N");
        var store = new CalendarStore(azurite.Tables, tableName);
        await store.EnsureTableAsync(CancellationToken.None);
        await store.SaveAsync(new LoadedCalendarYear(NewYear2027, "admin-1", _clock.GetUtcNow()), CancellationToken.None);
        using var refresher = Refresher(store, _calendars, _clock);
        await refresher.StartAsync(CancellationToken.None);
        var good = _calendars.Calendar;

        await azurite.Tables.DeleteTableAsync(tableName);
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => refresher.ApplyLoadedYearsAsync(CancellationToken.None));
        for (var tick = 0; tick < 3; tick++)
        {
            NextTick();
            await Task.Delay(100);
        }

        Assert.Same(good, _calendars.Calendar);

        await store.EnsureTableAsync(CancellationToken.None);
        await store.SaveAsync(new LoadedCalendarYear(new CalendarYear(2028, [new DateOnly(2028, 1, 3)], []), "admin-1", _clock.GetUtcNow()), CancellationToken.None);

        await Lyg.Testing.Poll.UntilAsync(() => Task.FromResult(NextTick().Years), years => years.SequenceEqual([2026, 2028]), TimeSpan.FromSeconds(10), "the refresher to recover");
        await refresher.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Moves the fake clock one interval on and answers the calendar in force. The refresher's loop starts on a thread
    /// of its own (.NET 10 BackgroundService), so a single advance could come before its timer exists.
    /// </summary>
    private WorkingCalendar NextTick()
    {
        _clock.Advance(Interval);
        return _calendars.Calendar;
    }
}
