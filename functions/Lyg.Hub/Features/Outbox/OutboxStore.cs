using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Outbox;

/// <summary>A message about to be committed with its case change.</summary>
internal sealed record StagedMessage(OutboxMessageId Id, DateTimeOffset At, string Payload);

/// <summary>What a redelivery request found.</summary>
public enum RedeliveryOutcome
{
    /// <summary>The message was dead and is pending again, its attempts reset.</summary>
    Redelivered,
    /// <summary>The message is pending already: nothing changed.</summary>
    AlreadyPending,
    /// <summary>The destination took the message: there is nothing to redeliver.</summary>
    Delivered,
    NotFound,
}

/// <summary>
/// The outbox in Azure Tables (ADR 0015). A message row lives in its case's partition and commits with the change that
/// caused it; its pointer, written just before, sits in the destination's partition of the Outbox table and carries the
/// delivery state, so the dispatcher finds work without reading any case. Leases say which host delivers a destination.
/// </summary>
public sealed class OutboxStore(TableServiceClient tables, TimeProvider time)
{
    private const string LeasePartition = "outbox";
    private const int MaxWriteAttempts = 3;

    private readonly TableClient _outbox = tables.GetTableClient(TableNames.Outbox);
    private readonly TableClient _cases = tables.GetTableClient(TableNames.Cases);
    private readonly TableClient _leases = tables.GetTableClient(TableNames.Leases);

    /// <summary>
    /// Writes the pointers of messages whose case transaction comes next. A pointer already there (an earlier attempt of
    /// the same change) keeps its delivery state and gets its grace restarted, so it is not taken for an orphan.
    /// </summary>
    internal Task WriteIntentsAsync(IReadOnlyList<StagedMessage> messages, CancellationToken cancellationToken) =>
        Task.WhenAll(messages.Select(m => WriteIntentAsync(m, cancellationToken)));

    /// <summary>The message row, to be added to the case transaction.</summary>
    internal static TableTransactionAction MessageRowAction(StagedMessage message) => new(TableTransactionActionType.Add, new OutboxMessageRow
    {
        PartitionKey = message.Id.CaseId,
        RowKey = message.Id.MessageRowKey,
        Destination = message.Id.Destination,
        Kind = message.Id.Kind,
        Sequence = message.Id.Sequence,
        Payload = message.Payload,
        At = message.At,
    });

    /// <summary>
    /// Up to one table page of a destination's pending pointers, in case and sequence order; the rest waits for the next
    /// pass, and since it sorts later, no case's message is read before an earlier one of the same case.
    /// </summary>
    internal async Task<IReadOnlyList<OutboxPointerRow>> ReadPendingAsync(string destination, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {destination} and Dead eq {false}");
        var (rows, _) = await _outbox.ReadPageAsync<OutboxPointerRow>(filter, TablePages.MaxPageSize, null, null, cancellationToken);
        return rows;
    }

    internal async Task<OutboxMessageRow?> FindMessageAsync(OutboxMessageId id, CancellationToken cancellationToken)
    {
        var found = await _cases.GetEntityIfExistsAsync<OutboxMessageRow>(id.CaseId, id.MessageRowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Whether the pointer can never be matched by a message row: its grace is over, or the case has committed its
    /// timeline entry without the message (another change took the sequence). The case row is read before the message
    /// row, so a change committing between the two reads is seen.
    /// </summary>
    internal async Task<bool> IsOrphanAsync(OutboxPointerRow pointer, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - pointer.WrittenAt >= grace)
        {
            return true;
        }

        var caseRow = await _cases.GetEntityIfExistsAsync<TableEntity>(pointer.CaseId, CaseRowKeys.Case, [nameof(CaseRow.TimelineCount)], cancellationToken);
        return caseRow.HasValue && caseRow.Value?.GetInt32(nameof(CaseRow.TimelineCount)) >= pointer.Sequence
            && await FindMessageAsync(pointer.ToId(), cancellationToken) is null;
    }

    internal Task MarkDeliveredAsync(OutboxMessageRow message, DateTimeOffset at, CancellationToken cancellationToken) =>
        _cases.UpdateEntityAsync(
            new TableEntity(message.PartitionKey, message.RowKey) { [nameof(OutboxMessageRow.DeliveredAt)] = at }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Saves the pointer's delivery state; false when it changed since it was read (redelivered, or taken by another host).</summary>
    internal async Task<bool> TryUpdateAsync(OutboxPointerRow pointer, CancellationToken cancellationToken)
    {
        try
        {
            await _outbox.UpdateEntityAsync(pointer, pointer.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Deletes the pointer unless it changed since it was read (a change restarting its grace, a redelivery).</summary>
    internal async Task DeleteAsync(OutboxPointerRow pointer, CancellationToken cancellationToken)
    {
        try
        {
            await _outbox.DeleteEntityAsync(pointer.PartitionKey, pointer.RowKey, pointer.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone already, or written again since: the next pass looks at it afresh.
        }
    }

    /// <summary>
    /// Takes or renews the destination for <paramref name="owner"/> until <paramref name="duration"/> from now; false
    /// while another owner's lease runs, or when another host took it first.
    /// </summary>
    internal async Task<bool> TryLeaseAsync(string destination, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = new DestinationLeaseRow { PartitionKey = LeasePartition, RowKey = destination, Owner = owner, ExpiresAt = now + duration };
        var found = await _leases.GetEntityIfExistsAsync<DestinationLeaseRow>(LeasePartition, destination, cancellationToken: cancellationToken);
        try
        {
            if (!found.HasValue || found.Value is not { } held)
            {
                await _leases.AddEntityAsync(lease, cancellationToken);
                return true;
            }

            if (held.Owner != owner && held.ExpiresAt > now)
            {
                return false;
            }

            await _leases.UpdateEntityAsync(lease, held.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>One page of pending or dead messages, of one destination or all, in destination, case and sequence order.</summary>
    public async Task<OutboxMessagePage> ListAsync(
        OutboxMessageState state, string? destination, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Dead eq {state == OutboxMessageState.Dead}");
        if (destination is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"PartitionKey eq {destination}");
        }

        var (rows, next) = await _outbox.ReadPageAsync<OutboxPointerRow>(filter, limit, continuationToken, null, cancellationToken);
        return new OutboxMessagePage([.. rows.Select(ToView)], next);
    }

    /// <summary>
    /// Puts a dead message back to pending with its attempts and age reset, due at once. A pending message stays as it
    /// is, so repeating the request changes nothing.
    /// </summary>
    public async Task<(RedeliveryOutcome Outcome, OutboxMessageView? Message)> RedeliverAsync(OutboxMessageId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        for (var attempt = 1; ; attempt++)
        {
            var found = await _outbox.GetEntityIfExistsAsync<OutboxPointerRow>(id.Destination, id.PointerKey, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value is not { } pointer)
            {
                var message = await FindMessageAsync(id, cancellationToken);
                return (message?.DeliveredAt is null ? RedeliveryOutcome.NotFound : RedeliveryOutcome.Delivered, null);
            }

            if (!pointer.Dead)
            {
                return (RedeliveryOutcome.AlreadyPending, ToView(pointer));
            }

            var now = time.GetUtcNow();
            pointer.Dead = false;
            pointer.DeadAt = null;
            pointer.Attempts = 0;
            pointer.LastError = null;
            pointer.PendingSince = now;
            pointer.NextAttemptAt = now;
            if (await TryUpdateAsync(pointer, cancellationToken))
            {
                return (RedeliveryOutcome.Redelivered, ToView(pointer));
            }

            if (attempt == MaxWriteAttempts)
            {
                throw new InvalidOperationException($"Outbox message {id} changed under every attempt to redeliver it.");
            }
        }
    }

    private async Task WriteIntentAsync(StagedMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = message.Id;
        var pointer = new OutboxPointerRow
        {
            PartitionKey = id.Destination,
            RowKey = id.PointerKey,
            CaseId = id.CaseId,
            Sequence = id.Sequence,
            Kind = id.Kind,
            At = message.At,
            WrittenAt = now,
            PendingSince = now,
            NextAttemptAt = now,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _outbox.AddEntityAsync(pointer, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // There already: restart its grace only.
            }

            try
            {
                var grace = new TableEntity(pointer.PartitionKey, pointer.RowKey) { [nameof(OutboxPointerRow.WrittenAt)] = now };
                await _outbox.UpdateEntityAsync(grace, ETag.All, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && attempt < MaxWriteAttempts)
            {
                // Deleted between the two calls (delivered, or cleaned up): add it afresh.
            }
        }
    }

    private static OutboxMessageView ToView(OutboxPointerRow pointer) => new(
        pointer.ToId().ToString(),
        pointer.PartitionKey,
        pointer.Kind,
        pointer.CaseId,
        pointer.Sequence,
        pointer.Dead ? OutboxMessageState.Dead : OutboxMessageState.Pending,
        pointer.At,
        pointer.Attempts,
        pointer.Dead ? null : pointer.NextAttemptAt,
        pointer.LastError,
        pointer.DeadAt);
}
