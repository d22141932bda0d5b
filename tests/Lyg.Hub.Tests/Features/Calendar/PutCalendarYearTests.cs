using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Features.HolidayCalendar.CalendarFixtures;

namespace Lyg.Hub.Tests.Features.HolidayCalendar;

[Collection(AzuriteDefinition.Name)]
public sealed class PutCalendarYearTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // A year far from every other test's stages, so its re-planning moves none of them.
    private const string Valid = """{"holidays":["2031-01-01","2031-01-02","2031-01-03"],"makeUpWorkingDays":["2031-01-04"]}""";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
    private readonly CalendarInForce _calendars = new(WorkingCalendar.FromData(BuiltIn.Data));
    private CalendarStore _store = null!;
    private CalendarRefresher _refresher = null!;

    public async Task InitializeAsync()
    {
        _store = await NewStoreAsync(azurite);
        _refresher = Refresher(_store, _calendars, _clock);
    }

    public Task DisposeAsync()
    {
        _refresher.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_new_year_is_stored_with_who_loaded_it_answers_201_and_is_in_force_on_this_host_at_once()
    {
        var answer = await PutAsync("2031", Valid);

        Assert.Equal(StatusCodes.Status201Created, answer.Status);
        var calendar = answer.Body.GetProperty("calendar");
        Assert.Equal(2031, calendar.GetProperty("year").GetInt32());
        Assert.Equal(["2031-01-01", "2031-01-02", "2031-01-03"], calendar.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("loaded", calendar.GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal("admin-1", calendar.GetProperty("source").GetProperty("loadedBy").GetString());
        Assert.Equal(0, answer.Body.GetProperty("replannedStages").GetInt32());
        var stored = await _store.FindAsync(2031, CancellationToken.None);
        Assert.Equal(("admin-1", _clock.GetUtcNow()), (stored!.LoadedBy, stored.LoadedAt));
        Assert.True(_calendars.Calendar.HasDataFor(2031));
        Assert.False(_calendars.Calendar.IsWorkingDay(new DateOnly(2031, 1, 2)));
        Assert.True(_calendars.Calendar.IsWorkingDay(new DateOnly(2031, 1, 4)));
    }

    [Fact]
    public async Task Loading_a_year_again_replaces_it_and_answers_200()
    {
        await PutAsync("2031", Valid);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var answer = await PutAsync("2031", """{"holidays":["2031-01-01"],"makeUpWorkingDays":[]}""");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal([new DateOnly(2031, 1, 1)], (await _store.FindAsync(2031, CancellationToken.None))!.Year.Holidays);
        Assert.True(_calendars.Calendar.IsWorkingDay(new DateOnly(2031, 1, 2)));
    }

    [Theory]
    [InlineData("2031", """{"holidays":["2031-01-01","2031-02-30"],"makeUpWorkingDays":[]}""", "holidays[1]", "is not a date")]
    [InlineData("2031", """{"holidays":["2031-1-1"],"makeUpWorkingDays":[]}""", "holidays[0]", "is not a date")]
    [InlineData("2031", """{"holidays":[null],"makeUpWorkingDays":[]}""", "holidays[0]", "is not a date")]
    [InlineData("2031", """{"holidays":["2031-01-01","2032-01-01"],"makeUpWorkingDays":[]}""", "holidays[1]", "is not in 2031")]
    [InlineData("2031", """{"holidays":[],"makeUpWorkingDays":["2030-12-28"]}""", "makeUpWorkingDays[0]", "is not in 2031")]
    [InlineData("2031", """{"holidays":["2031-01-01","2031-01-02","2031-01-01"],"makeUpWorkingDays":[]}""", "holidays[2]", "listed twice")]
    [InlineData("2031", """{"holidays":[],"makeUpWorkingDays":["2031-01-04","2031-01-04"]}""", "makeUpWorkingDays[1]", "listed twice")]
    [InlineData("2031", """{"holidays":[],"makeUpWorkingDays":["2031-01-06"]}""", "makeUpWorkingDays[0]", "is a Monday: a make-up working day is a Saturday or Sunday")]
    [InlineData("2031", """{"holidays":["2031-01-04"],"makeUpWorkingDays":["2031-01-04"]}""", "makeUpWorkingDays[0]", "also listed as a holiday")]
    [InlineData("2031", """{"makeUpWorkingDays":[]}""", "holidays", "A list of dates is required")]
    [InlineData("2031", """{"holidays":[]}""", "makeUpWorkingDays", "A list of dates is required")]
    [InlineData("1999", """{"holidays":[],"makeUpWorkingDays":[]}""", "year", "four digits from 2000 to 2099")]
    [InlineData("2100", """{"holidays":[],"makeUpWorkingDays":[]}""", "year", "four digits from 2000 to 2099")]
    [InlineData("02031", """{"holidays":[],"makeUpWorkingDays":[]}""", "year", "four digits")]
    [InlineData("twenty", """{"holidays":[],"makeUpWorkingDays":[]}""", "year", "four digits")]
    public async Task Each_bad_entry_answers_400_naming_its_field_and_index_and_nothing_is_written(string year, string body, string field, string message)
    {
        var before = _calendars.Calendar;

        var answer = await PutAsync(year, body);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal([field], answer.ErrorFields);
        Assert.Contains(message, answer.Body.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync(CancellationToken.None));
        Assert.Same(before, _calendars.Calendar);
    }

    [Fact]
    public async Task Every_problem_is_named_at_once()
    {
        var answer = await PutAsync("2031", """{"holidays":["2031-13-01","2030-01-01"],"makeUpWorkingDays":["2031-01-07"]}""");

        Assert.Equal(["holidays[0]", "holidays[1]", "makeUpWorkingDays[0]"], answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task More_dates_than_days_in_a_year_are_refused()
    {
        var dates = string.Join(",", Enumerable.Range(0, PutCalendarYear.MaxDates + 1).Select(_ => "\"2031-01-01\""));

        var answer = await PutAsync("2031", $$"""{"holidays":[{{dates}}],"makeUpWorkingDays":[]}""");

        Assert.Equal(["holidays"], answer.ErrorFields);
    }

    [Theory]
    [InlineData("""{"holidays":["2031-01-01"],""")]
    [InlineData("""["2031-01-01"]""")]
    public async Task A_body_that_is_not_a_calendar_year_answers_400_malformed_and_nothing_is_written(string body)
    {
        var answer = await PutAsync("2031", body);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/malformed", answer.ProblemType);
        Assert.Empty(await _store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_date_sent_as_a_number_answers_400_naming_it_and_nothing_is_written()
    {
        var answer = await PutAsync("2031", """{"holidays":["2031-01-02",20310101],"makeUpWorkingDays":[]}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["holidays[1]"], answer.ErrorFields);
        Assert.Empty(await _store.ListAsync(CancellationToken.None));
    }

    private async Task<ExecutedResult> PutAsync(string year, string body)
    {
        var http = UnitFixtures.Request(UnitFixtures.Admin, body);
        var handler = new PutCalendarYear(_store, BuiltIn, _refresher, new ReplanStages(new CaseStore(azurite.Tables), _clock, NullLogger<ReplanStages>.Instance), _clock);
        await using var durable = new RecordingDurableClient();
        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http, durable, year), http);
    }
}
