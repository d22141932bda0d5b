using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Storage;

/// <summary>
/// Keeps an in-memory copy of something stored (places, service areas, the calendar) fresh on every host: one bounded
/// attempt while the host starts, so requests find it loaded, then one every interval. A storage failure never stops
/// the host or the loop: the copy in force stays, the failure is logged, the next tick tries again.
/// </summary>
public abstract partial class StorageRefresher(TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>How long the first attempt may hold the host's start when storage hangs.</summary>
    protected virtual TimeSpan FirstAttemptBudget => TimeSpan.FromSeconds(5);

    /// <summary>What is refreshed, for the log.</summary>
    protected abstract string Subject { get; }

    /// <summary>Reads storage and swaps in what changed.</summary>
    protected abstract Task RefreshAsync(CancellationToken cancellationToken);

    /// <summary>Runs after the first attempt, whether it succeeded or not: e.g. a fallback when nothing was loaded.</summary>
    protected virtual void AfterFirstAttempt()
    {
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(FirstAttemptBudget);
        try
        {
            await RefreshAsync(budget.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFirstAttemptFailed(logger, Subject, ex);
        }

        AfterFirstAttempt();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, Subject, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: storage could not be read at start; serving without it until a refresh succeeds")]
    private static partial void LogFirstAttemptFailed(ILogger logger, string subject, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subject}: refreshing from storage failed; what is in force stays until the next refresh")]
    private static partial void LogRefreshFailed(ILogger logger, string subject, Exception exception);
}
