using Azure.Data.Tables;

namespace Lyg.Hub.Features.Outbox;

/// <summary>
/// What a case change sends: every producer's messages for it, staged for the change's own transaction. The case store
/// calls it with the change it is about to commit; with no destination configured it costs nothing.
/// </summary>
public sealed class CaseOutbox(IEnumerable<ICaseMessageProducer> producers, OutboxDestinations destinations, OutboxStore store)
{
    /// <summary>Longest payload, in UTF-16 characters: a table string property holds 64 KiB.</summary>
    public const int MaxPayloadLength = 30_000;

    /// <summary>
    /// Writes the pointer of every message the change causes and returns the message rows its transaction must add;
    /// none when no destination wants the change.
    /// </summary>
    internal async Task<IReadOnlyList<TableTransactionAction>> StageAsync(CaseChange change, CancellationToken cancellationToken)
    {
        if (destinations.All.Count == 0)
        {
            return [];
        }

        var staged = new List<StagedMessage>();
        foreach (var message in producers.SelectMany(p => p.MessagesFor(change)))
        {
            var id = new OutboxMessageId(change.CaseId, change.Sequence, message.Kind, message.Destination);
            if (destinations.Find(message.Destination) is null || !OutboxMessageId.IsName(message.Kind)
                || message.Payload.Length > MaxPayloadLength || staged.Any(s => s.Id == id))
            {
                // A producer's bug, not the caller's input: each destination gets at most one message of a kind per change.
                throw new InvalidOperationException(
                    $"Outbound message {id} names no configured destination, has a malformed kind, is longer than {MaxPayloadLength} characters or is there twice.");
            }

            staged.Add(new StagedMessage(id, change.At, message.Payload));
        }

        if (staged.Count == 0)
        {
            return [];
        }

        await store.WriteIntentsAsync(staged, cancellationToken);
        return [.. staged.Select(OutboxStore.MessageRowAction)];
    }
}
