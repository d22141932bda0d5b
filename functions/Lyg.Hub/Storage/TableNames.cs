namespace Lyg.Hub.Storage;

/// <summary>Every table the hub owns.</summary>
public static class TableNames
{
    /// <summary>One partition per case: the case row, its timeline rows, its slip rows and its action idempotency rows.</summary>
    public const string Cases = "Cases";

    /// <summary>Idempotency reservations of requests that create something new (reports).</summary>
    public const string Idempotency = "Idempotency";

    /// <summary>Daily case-number sequences.</summary>
    public const string Counters = "Counters";

    /// <summary>The registry of responsible units.</summary>
    public const string Units = "Units";

    public static IReadOnlyList<string> All { get; } = [Cases, Idempotency, Counters, Units];
}
