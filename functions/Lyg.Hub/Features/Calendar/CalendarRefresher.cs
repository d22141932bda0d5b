using Lyg.Hub.Hosting;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Calendar;

/// <summary>
/// Puts the loaded years in force over the configured calendar before the host serves requests, then re-reads them
/// every <see cref="CalendarOptions.RefreshInterval"/>, so a year saved on another host reaches this one. Storage that
/// does not answer never stops the host: the first read gives up after <see cref="StartTimeout"/> and the calendar in
/// force stays until a later read succeeds.
/// </summary>
public sealed partial class CalendarRefresher(
    CalendarStore store, ConfiguredCalendar configured, CalendarInForce calendars, IOptions<CalendarOptions> options, TimeProvider time, ILogger<CalendarRefresher> logger)
    : BackgroundService
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    // Refreshes are serialised, so a read that began before a save can never overwrite the one made after it.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _applied;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await RefreshAsync(timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFirstLoadFailed(logger, ex, calendars.Calendar.Years);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Reads the loaded years and puts the merged calendar in force when they changed; true when it was replaced.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var loaded = await store.ListAsync(cancellationToken);
            var version = CalendarYears.VersionOf(loaded);
            if (version == _applied)
            {
                return false;
            }

            var calendar = configured.With(loaded.Select(l => l.Year));
            calendars.Replace(calendar);
            _applied = version;
            LogInForce(logger, calendar.Years, loaded.Count);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRefresh.RunAsync(options.Value.RefreshInterval, time, RefreshAsync, ex => LogRefreshFailed(logger, ex), stoppingToken);

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar: holiday data in force for {Years} ({Loaded} years loaded by administrators)")]
    private static partial void LogInForce(ILogger logger, IReadOnlyList<int> years, int loaded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar: the loaded years could not be read at start; serving the configured calendar (holiday data for {Years}) until a refresh succeeds")]
    private static partial void LogFirstLoadFailed(ILogger logger, Exception exception, IReadOnlyList<int> years);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar: re-reading the loaded years failed; the calendar in force stays")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
