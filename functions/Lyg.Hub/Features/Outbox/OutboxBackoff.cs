namespace Lyg.Hub.Features.Outbox;

/// <summary>
/// Exponential backoff with full jitter: after the n-th failed attempt the next waits a uniformly drawn share of
/// min(cap, base × 2^(n−1)), so destinations coming back are not met by every message at once; never earlier than the
/// destination's Retry-After.
/// </summary>
public static class OutboxBackoff
{
    /// <param name="attempts">Failed attempts so far, at least 1.</param>
    /// <param name="draw">A number in [0, 1): the jitter.</param>
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan cap, double draw, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        // 2^30 times any base is past every cap; the exponent stops there so the product cannot overflow.
        var ceiling = Math.Min(cap.Ticks, baseDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 30)));
        var jittered = TimeSpan.FromTicks((long)(ceiling * Math.Clamp(draw, 0, 1)));
        return retryAfter is { } asked && asked > jittered ? asked : jittered;
    }
}
