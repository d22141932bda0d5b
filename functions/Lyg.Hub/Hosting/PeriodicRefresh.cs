namespace Lyg.Hub.Hosting;

/// <summary>The loop of the refreshers that keep data read from storage current on every host.</summary>
public static class PeriodicRefresh
{
    /// <summary>
    /// Calls <paramref name="refresh"/> every <paramref name="interval"/> until stopped. A failed refresh goes to
    /// <paramref name="failed"/> and the loop goes on, so what is in force stays until the next tick succeeds.
    /// </summary>
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> refresh, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(failed);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await refresh(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed(ex);
            }
        }
    }
}
