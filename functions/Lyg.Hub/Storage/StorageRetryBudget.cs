using Azure.Core;

namespace Lyg.Hub.Storage;

/// <summary>
/// How long one storage call may take: a timeout per try and a bounded number of quick retries. The Azure SDK's
/// defaults (100 s per try, several tries with back-off) let a hung storage account hold a request for minutes; with
/// these, one call gives up within <see cref="Worst"/>, well inside the request budget of the API.
/// </summary>
public sealed record StorageRetryBudget(TimeSpan TryTimeout, int MaxRetries, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    /// <summary>For calls made while a client waits: at most 3 tries of 2 s each.</summary>
    public static StorageRetryBudget Requests { get; } = new(TimeSpan.FromSeconds(2), 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    /// <summary>
    /// For the durable backend's own polling and leases, where nobody waits but a hung call must still end: longer tries,
    /// because history reads and lease renewals move more data.
    /// </summary>
    public static StorageRetryBudget Background { get; } = new(TimeSpan.FromSeconds(10), 3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4));

    /// <summary>The longest one call can take before it fails: every try timing out, with the back-off between them.</summary>
    public TimeSpan Worst
    {
        get
        {
            var waits = Enumerable.Range(0, MaxRetries).Sum(retry => Math.Min(FirstDelay.Ticks << retry, MaxDelay.Ticks));
            return TryTimeout * (MaxRetries + 1) + TimeSpan.FromTicks(waits);
        }
    }

    public T ApplyTo<T>(T options)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.NetworkTimeout = TryTimeout;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = FirstDelay;
        options.Retry.MaxDelay = MaxDelay;
        return options;
    }
}
