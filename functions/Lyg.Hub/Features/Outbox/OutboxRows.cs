using Azure;
using Azure.Data.Tables;

namespace Lyg.Hub.Features.Outbox;

/// <summary>
/// A message in its case's partition of the Cases table, written in the transaction of the change that caused it:
/// it exists exactly when that change committed. <see cref="DeliveredAt"/> is set once a destination took it.
/// </summary>
internal sealed class OutboxMessageRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Destination { get; set; } = "";
    public string Kind { get; set; } = "";
    public int Sequence { get; set; }
    public string Payload { get; set; } = "";

    /// <summary>When the change that caused it happened.</summary>
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>
/// A message's pointer in its destination's partition of the Outbox table, written just before the case transaction:
/// what the dispatcher reads to find work, with the delivery state. Deleted once the message is delivered, or when its
/// message row never appeared (the transaction did not commit).
/// </summary>
internal sealed class OutboxPointerRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string CaseId { get; set; } = "";
    public int Sequence { get; set; }
    public string Kind { get; set; } = "";

    /// <summary>When the change happened: the start of the delivery lag.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>When the pointer was last written by a case change: the start of the orphan grace.</summary>
    public DateTimeOffset WrittenAt { get; set; }

    /// <summary>Since when it has been pending, written or redelivered: the start of the age budget.</summary>
    public DateTimeOffset PendingSince { get; set; }

    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Always written, because table filters cannot test for a missing property.</summary>
    public bool Dead { get; set; }
    public DateTimeOffset? DeadAt { get; set; }

    public OutboxMessageId ToId() => OutboxMessageId.FromPointer(PartitionKey, RowKey);
}

/// <summary>Which host delivers to a destination until when.</summary>
internal sealed class DestinationLeaseRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Owner { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
