using Lyg.Hub.Storage;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Calendar;

/// <summary>
/// Puts the loaded years in force over the configured calendar before the host serves requests, then re-reads them
/// every <see cref="CalendarOptions.RefreshInterval"/>, so a year saved on another host reaches this one. Storage that
/// does not answer never stops the host: the configured calendar stays in force until a read succeeds.
/// </summary>
public sealed partial class CalendarRefresher(
    CalendarStore store, ConfiguredCalendar configured, CalendarInForce calendars, IOptions<CalendarOptions> options, TimeProvider time, ILogger<CalendarRefresher> logger)
    : StorageRefresher(options.Value.RefreshInterval, time, logger)
{
    // Refreshes are serialised, so a read that began before a save can never overwrite the one made after it.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _applied;

    protected override string Subject => "Calendar (loaded years)";

    protected override TimeSpan FirstAttemptBudget => TimeSpan.FromSeconds(10);

    protected override Task RefreshAsync(CancellationToken cancellationToken) => ApplyLoadedYearsAsync(cancellationToken);

    /// <summary>Reads the loaded years and puts the merged calendar in force when they changed; true when it was replaced.</summary>
    public async Task<bool> ApplyLoadedYearsAsync(CancellationToken cancellationToken)
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

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar: holiday data in force for {Years} ({Loaded} years loaded by administrators)")]
    private static partial void LogInForce(ILogger logger, IReadOnlyList<int> years, int loaded);
}
