using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Outbox;

/// <summary>Section <c>Outbox</c>: where outbound messages go and how hard the dispatcher tries.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>The destinations by name (lower-case letters, digits and '-'); none by default, and then nothing is written.</summary>
    public Dictionary<string, OutboxDestinationOptions> Destinations { get; set; } = [];

    /// <summary>Attempts after which a message that keeps failing is dead.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long a message may stay pending (since written or redelivered) before it is dead.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The first retry's delay cap; each further failure doubles it (full jitter: the delay is drawn below the cap).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The largest delay cap between two attempts, unless the destination's Retry-After asks for longer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Standalone host: how often the dispatcher looks for due messages (the Functions timer: every 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one host holds a destination: another host delivers to it only after the holder stopped renewing
    /// (a host that died) for this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a pointer may wait for its message row: past it the case transaction that would have written the row
    /// cannot commit any more (it lives inside a request's budget), and the pointer is deleted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a destination's circuit stays open after it failed most of its recent attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many cases one host delivers to one destination at once (each case in order).</summary>
    [Range(1, 64)]
    public int MaxParallelCases { get; set; } = 4;
}

/// <summary><c>Outbox:Destinations:{name}</c>: an HTTP endpoint that receives signed POSTs.</summary>
public sealed class OutboxDestinationOptions
{
    /// <summary>Absolute http or https URL the messages are POSTed to.</summary>
    public string? Url { get; set; }

    /// <summary>The client id the hub signs as (<c>X-Lyg-Client</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>Base64 secret, at least 32 bytes decoded, shared with the destination.</summary>
    public string? Secret { get; set; }

    /// <summary>How long one attempt may take, connection to the last header; at most a third of the lease.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The case events it receives: timeline action names (report, register, dispatch, …) or <c>*</c> for all.</summary>
    public List<string> Events { get; set; } = [];
}
