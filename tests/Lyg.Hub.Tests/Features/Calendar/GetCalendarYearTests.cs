using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Features.HolidayCalendar.CalendarFixtures;

namespace Lyg.Hub.Tests.Features.HolidayCalendar;

[Collection(AzuriteDefinition.Name)]
public sealed class GetCalendarYearTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset LoadedAt = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_built_in_year_says_so_and_quotes_its_notice()
    {
        var answer = await GetAsync(await NewStoreAsync(azurite), BuiltIn, "2026");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(33, answer.Body.GetProperty("holidays").GetArrayLength());
        Assert.Equal("2026-01-04", answer.Body.GetProperty("makeUpWorkingDays")[0].GetString());
        Assert.Equal("builtIn", answer.Body.GetProperty("source").GetProperty("kind").GetString());
        Assert.Contains("国务院办公厅", answer.Body.GetProperty("source").GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_year_replaces_the_built_in_one_and_a_loaded_year_replaces_both()
    {
        var store = await NewStoreAsync(azurite);
        var file = new CalendarData(WorkingCalendar.BuiltInData.WorkingHours, [new CalendarYear(2026, [new DateOnly(2026, 1, 1)], []) { Source = "city notice" }, NewYear2027]);
        var configured = ConfiguredCalendar.From(WorkingCalendar.BuiltInData, file);

        var fromFile = await GetAsync(store, configured, "2026");
        await store.SaveAsync(new LoadedCalendarYear(new CalendarYear(2026, [new DateOnly(2026, 1, 2)], []), "admin-1", LoadedAt), CancellationToken.None);
        var loaded = await GetAsync(store, configured, "2026");
        var other = await GetAsync(store, configured, "2027");

        Assert.Equal(("file", "city notice", 1), (fromFile.Body.GetProperty("source").GetProperty("kind").GetString(), fromFile.Body.GetProperty("source").GetProperty("note").GetString(), fromFile.Body.GetProperty("holidays").GetArrayLength()));
        Assert.Equal(["2026-01-02"], loaded.Body.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("loaded", loaded.Body.GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal("admin-1", loaded.Body.GetProperty("source").GetProperty("loadedBy").GetString());
        Assert.Equal(LoadedAt, loaded.Body.GetProperty("source").GetProperty("loadedAt").GetDateTimeOffset());
        Assert.Equal("file", other.Body.GetProperty("source").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_year_without_data_answers_404_and_a_malformed_year_400()
    {
        var store = await NewStoreAsync(azurite);

        var missing = await GetAsync(store, BuiltIn, "2027");
        var malformed = await GetAsync(store, BuiltIn, "27");

        Assert.Equal(StatusCodes.Status404NotFound, missing.Status);
        Assert.Equal(ResultRunner.ProblemJson, missing.ContentType);
        Assert.Contains("weekends only", missing.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status400BadRequest, malformed.Status);
        Assert.Equal(["year"], malformed.ErrorFields);
    }

    [Fact]
    public void A_malformed_calendar_file_is_refused_with_its_problems()
    {
        var file = new CalendarData(WorkingCalendar.BuiltInData.WorkingHours, [new CalendarYear(2027, [], [new DateOnly(2027, 1, 5)])]);

        var thrown = Assert.Throws<ArgumentException>(() => ConfiguredCalendar.From(WorkingCalendar.BuiltInData, file));

        Assert.Contains("2027-01-05 is not a Saturday or Sunday", thrown.Message, StringComparison.Ordinal);
    }

    private static async Task<ExecutedResult> GetAsync(CalendarStore store, ConfiguredCalendar configured, string year)
    {
        var http = UnitFixtures.Request(UnitFixtures.Dispatcher);
        return await ResultRunner.ExecuteAsync(await new GetCalendarYear(store, configured).HandleAsync(http, year), http);
    }
}
