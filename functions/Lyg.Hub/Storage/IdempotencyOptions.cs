using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Storage;

/// <summary>Section <c>Idempotency</c>: how long a client's Idempotency-Key keeps answering with what it first created.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>Clients retry within minutes; a week covers a client that was offline for days, not one reusing keys.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
