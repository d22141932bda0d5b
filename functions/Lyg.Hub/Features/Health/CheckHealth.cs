using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Health;

/// <summary>
/// GET health: 200 when table storage and the durable backend both answer, 503 otherwise. The working calendar is
/// reported degraded (still 200) when the current year has no holiday data, because its deadlines count weekends only,
/// and from <see cref="CalendarLeadDays"/> days before a year without data begins, so there is time to load it; so are
/// the places when the map in force has no unit grid, because then no point can be placed. The report lists the
/// calendar years in force. Why a probe failed is logged; the answer shows it only to staff, because exception text
/// tells an anonymous caller about the insides.
/// </summary>
public sealed partial class CheckHealth(
    TableServiceClient tables, CalendarInForce calendars, CurrentPlaces places, CallerAuthenticator authenticator, TimeProvider clock, ILogger<CheckHealth> logger)
{
    public const int CalendarLeadDays = 30;

    private const string ProbeInstanceId = "health-probe";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(durable);
        var checks = await Task.WhenAll(
            ProbeAsync("storage", ct => tables.GetTableClient(TableNames.Cases).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages().GetAsyncEnumerator(ct).MoveNextAsync().AsTask(), http.RequestAborted),
            ProbeAsync("durable", ct => durable.GetInstanceAsync(ProbeInstanceId, getInputsAndOutputs: false, ct), http.RequestAborted));
        var healthy = checks.All(c => c.Status == "healthy");
        if (!healthy && !await IsStaffAsync(http.Request))
        {
            checks = [.. checks.Select(c => c with { Detail = c.Detail is null ? null : "unavailable" })];
        }

        var calendar = calendars.Calendar;
        var calendarCheck = CheckCalendar(calendar, clock.GetUtcNow());
        var map = places.Map;
        var placesCheck = map.Grids.Count > 0
            ? new HealthCheckResult("places", "healthy", $"{map.Label}: {map.Grids.Count} unit grids")
            : new HealthCheckResult("places", "degraded", $"No unit grids ({map.Label}): no point can be placed until places are imported (Lyg.Import places).");
        var status = !healthy ? "unhealthy" : calendarCheck.Status == "healthy" && placesCheck.Status == "healthy" ? "healthy" : "degraded";
        return TypedResults.Json(
            new HealthReport(status, [.. checks, calendarCheck, placesCheck], new PlaceMapHealth(map.Label, map.Grids.Count), new CalendarHealth(calendar.Years)),
            LygJsonContext.Wire.HealthReport,
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Degraded while the current year, or a year beginning within <see cref="CalendarLeadDays"/> days, has no holiday data.</summary>
    public static HealthCheckResult CheckCalendar(WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var today = DateOnly.FromDateTime(now.ToOffset(WorkingCalendar.ChinaStandardTime).DateTime);
        var next = today.Year + 1;
        var daysToNext = new DateOnly(next, 1, 1).DayNumber - today.DayNumber;
        var problems = new List<string>();
        if (!calendar.HasDataFor(today.Year))
        {
            problems.Add($"No public-holiday data for {today.Year}: deadlines count weekends only until it is loaded.");
        }

        if (daysToNext <= CalendarLeadDays && !calendar.HasDataFor(next))
        {
            problems.Add($"No public-holiday data for {next}, which begins in {daysToNext} days: load it (PUT v1/calendar/{next}) before deadlines reach it.");
        }

        return problems.Count > 0
            ? new HealthCheckResult("calendar", "degraded", string.Join(" ", problems))
            : new HealthCheckResult("calendar", "healthy", $"Public-holiday data for {string.Join(", ", calendar.Years)}.");
    }

    private async Task<bool> IsStaffAsync(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 && (await authenticator.AuthenticateAsync(request)).Caller is { IsStaff: true };

    private async Task<HealthCheckResult> ProbeAsync(string name, Func<CancellationToken, Task> probe, CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await probe(timeout.Token);
            return new HealthCheckResult(name, "healthy", null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogProbeFailed(logger, name, ex);
            return new HealthCheckResult(name, "unhealthy", ex.GetType().Name + ": " + ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health: the {Probe} probe failed")]
    private static partial void LogProbeFailed(ILogger logger, string probe, Exception exception);
}
