using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.Orchestrations.Time;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Calendar;

/// <summary>
/// An administrator loads a calendar year over HTTP into a running host: it reads back with its source, a running
/// stage whose working days it turns into holidays gets a later deadline (and its workflow follows), a new stage uses
/// it at once, and health lists the year. Owns its Azurite and host, with every stage limit 30 working days, because
/// the rest of the suite runs on seconds of continuous time.
/// </summary>
public sealed class CalendarLoadTests : IAsyncLifetime
{
    private const int NewHolidays = 5;
    private static readonly TimeLimit StageLimit = new(ClockKind.WorkingDays, 30);

    private AzuriteInstance _azurite = null!;
    private StandaloneHost _host = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _host = await StandaloneHost.StartAsync(_azurite.ConnectionString, "e2ecalendar", new Dictionary<string, string>
        {
            ["CaseWorkflow__TimeLimitRulesFile"] = Path.Combine(AppContext.BaseDirectory, "working-day-limits.json"),
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_loaded_year_reads_back_moves_a_running_stage_applies_to_new_ones_and_shows_on_health()
    {
        var admin = await _host.ClientForAsync("admin-calendar", Roles.Admin);
        var @operator = await _host.ClientForAsync("operator-calendar", Roles.Operator);
        var citizen = await _host.ClientForAsync("citizen-calendar", Roles.Citizen);
        var running = await citizen.SubmitCaseAsync();
        var before = (await @operator.GetCaseAsync(running)).Stage!;

        // Five working days between tomorrow and the deadline become holidays, in the year holding most such days.
        var (year, holidays, makeUpDays) = await PlanYearAsync(@operator, before.Deadline);
        using var put = await admin.PutAsJsonAsync(
            $"api/v1/calendar/{year}",
            new PutCalendarYearRequest([.. holidays.Select(Iso)], [.. makeUpDays.Select(Iso)]),
            LygJsonContext.Default.PutCalendarYearRequest);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var loaded = (await put.Content.ReadFromJsonAsync(LygJsonContext.Default.CalendarYearLoaded))!;
        Assert.True(loaded.ReplannedStages >= 1, $"{loaded.ReplannedStages} stages re-planned");
        var calendar = WorkingCalendar.FromData(WorkingCalendar.BuiltInData.WithYears([new CalendarYear(year, holidays, makeUpDays)]));

        var after = await @operator.GetCaseAsync(running);
        Assert.Equal(before with { Deadline = after.Stage!.Deadline }, after.Stage);
        Assert.Equal(NewHolidays * 8.0, calendar.Measure(before.Deadline, after.Stage.Deadline, ClockKind.WorkingHours).Amount, 6);
        Assert.Equal(("replan", "admin-calendar"), (after.Timeline[^1].Action, after.Timeline[^1].Actor));
        await Poll.UntilAsync(
            async () => (await @operator.GetCaseAsync(running)).Workflow?.Deadline,
            deadline => deadline == after.Stage.Deadline,
            TimeSpan.FromSeconds(30),
            "the workflow to re-plan on the new deadline");

        var readBack = (await @operator.GetFromJsonAsync($"api/v1/calendar/{year}", LygJsonContext.Default.CalendarYearView))!;
        Assert.Equal(holidays.Order(), readBack.Holidays);
        Assert.Equal((CalendarSourceKind.Loaded, "admin-calendar"), (readBack.Source.Kind, readBack.Source.LoadedBy));

        var fresh = (await @operator.GetCaseAsync(await citizen.SubmitCaseAsync())).Stage!;
        Assert.Equal(calendar.Add(fresh.StartedAt, StageLimit), fresh.Deadline);

        var health = (await _host.Anonymous.GetFromJsonAsync("api/health", LygJsonContext.Default.HealthReport))!;
        Assert.Contains(year, health.Calendar!.Years);
        using var refused = await citizen.GetAsync($"api/v1/calendar/{year}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>The year to load: what it holds today plus <see cref="NewHolidays"/> of its working weekdays before the deadline.</summary>
    private static async Task<(int Year, DateOnly[] Holidays, DateOnly[] MakeUpDays)> PlanYearAsync(HttpClient client, DateTimeOffset deadline)
    {
        var china = TimeSpan.FromHours(8);
        var tomorrow = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(china).DateTime).AddDays(1);
        var last = DateOnly.FromDateTime(deadline.ToOffset(china).DateTime).AddDays(-1);
        var known = WorkingCalendar.LoadDefault();
        var candidates = Enumerable.Range(0, last.DayNumber - tomorrow.DayNumber + 1)
            .Select(tomorrow.AddDays)
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && known.IsWorkingDay(d))
            .GroupBy(d => d.Year)
            .OrderByDescending(g => g.Count())
            .First();
        Assert.True(candidates.Count() >= NewHolidays, $"only {candidates.Count()} working days in {candidates.Key} before the deadline");

        using var existing = await client.GetAsync($"api/v1/calendar/{candidates.Key}");
        var current = existing.StatusCode == HttpStatusCode.OK ? await existing.Content.ReadFromJsonAsync(LygJsonContext.Default.CalendarYearView) : null;
        return (
            candidates.Key,
            [.. (current?.Holidays ?? []).Concat(candidates.Take(NewHolidays))],
            [.. current?.MakeUpWorkingDays ?? []]);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
