using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Calendar;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub.Tests.Features.HolidayCalendar;

/// <summary>The <c>Calendar:File</c> setting as the hub wires it: its hours and years over the built-in calendar.</summary>
public sealed class CalendarFileTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task The_file_s_working_hours_and_years_are_in_force_from_the_start_with_the_built_in_years_kept()
    {
        await File.WriteAllTextAsync(_file, """
            {
              "workingHours": [ { "start": "09:00", "end": "17:00" } ],
              "years": [ { "year": 2027, "source": "市政府通知 (test)", "holidays": ["2027-01-01"], "makeUpWorkingDays": [] } ]
            }
            """);
        await using var services = Services();

        var calendar = services.GetRequiredService<CalendarInForce>().Calendar;

        Assert.Equal([2026, 2027], calendar.Years);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.Equal(
            new DateTimeOffset(2026, 12, 1, 17, 0, 0, WorkingCalendar.ChinaStandardTime),
            calendar.Add(new DateTimeOffset(2026, 12, 1, 9, 0, 0, WorkingCalendar.ChinaStandardTime), new TimeLimit(ClockKind.WorkingHours, 8)));
        Assert.Equal(
            new CalendarYearSource(CalendarSourceKind.File, "市政府通知 (test)"),
            services.GetRequiredService<ConfiguredCalendar>().Find(2027)!.Value.Source);
    }

    [Fact]
    public async Task A_file_with_an_unknown_member_stops_the_host()
    {
        await File.WriteAllTextAsync(_file, """{"workingHours":[{"start":"08:00","end":"12:00"}],"years":[],"holiday":[]}""");
        await using var services = Services();

        Assert.Throws<JsonException>(() => services.GetRequiredService<CalendarInForce>());
    }

    private ServiceProvider Services() => new ServiceCollection()
        .AddLogging()
        .AddLygHub(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Calendar:File"] = _file,
        }).Build())
        .BuildServiceProvider();
}
