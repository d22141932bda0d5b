using Lyg.Hub.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Outbox;

/// <summary>What one pass did for one destination.</summary>
public sealed record OutboxPass(string Destination, bool Leased, int Pending, int Delivered, int Retried, int DeadLettered);

/// <summary>
/// Delivers pending messages, run on a timer by both hosts (a timer function; a hosted service of the standalone host).
/// One pass per destination: take its lease (one host at a time), read its pending pointers, and deliver case by case,
/// several cases at once and each case in sequence order: a case's next message waits while an earlier one is pending.
/// A 2xx marks the message delivered and drops its pointer; a transient failure schedules the next attempt with backoff;
/// a refusal, or running out of attempts or time, makes it dead (later messages of the case go on). New attempts stop
/// at half the lease, so a pass ends before another host could take the destination over.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store, OutboxSender sender, OutboxDestinations destinations, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger)
{
    /// <summary>Every 10 seconds in the Functions app; the standalone host reads <see cref="OutboxOptions.PollInterval"/>.</summary>
    public const string Schedule = "*/10 * * * * *";

    /// <summary>Unique per dispatcher, so that two hosts on one machine never share a lease.</summary>
    private readonly string _owner = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>One pass over every configured destination, in parallel; a destination that fails is logged and tried next time.</summary>
    public async Task<IReadOnlyList<OutboxPass>> RunAsync(CancellationToken cancellationToken)
    {
        var passes = await Task.WhenAll(destinations.All.Select(async destination =>
        {
            try
            {
                return await DispatchAsync(destination, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogPassFailed(logger, ex, destination.Name);
                return null;
            }
        }));
        return [.. passes.OfType<OutboxPass>()];
    }

    public async Task<OutboxPass> DispatchAsync(OutboxDestination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var settings = options.Value;
        if (!await store.TryLeaseAsync(destination.Name, _owner, settings.LeaseDuration, cancellationToken))
        {
            return new OutboxPass(destination.Name, false, 0, 0, 0, 0);
        }

        var pending = await store.ReadPendingAsync(destination.Name, cancellationToken);
        HubMetrics.ReportOutboxPending(destination.Name, pending.Count);
        var pass = new Pass(destination, time.GetUtcNow() + settings.LeaseDuration / 2);
        await Parallel.ForEachAsync(
            pending.GroupBy(p => p.CaseId, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelCases, CancellationToken = cancellationToken },
            async (messages, token) =>
            {
                try
                {
                    // GroupBy keeps the table's order inside a group: the case's messages in sequence order.
                    foreach (var pointer in messages)
                    {
                        if (pass.CircuitOpen || time.GetUtcNow() >= pass.Until || !await DeliverAsync(pass, pointer, token))
                        {
                            break;
                        }
                    }
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // Storage failing for one case leaves the others to go on; this case's pointers wait for the next pass.
                    LogCaseFailed(logger, ex, messages.Key, destination.Name);
                }
            });
        return new OutboxPass(destination.Name, true, pending.Count, pass.Delivered, pass.Retried, pass.DeadLettered);
    }

    /// <summary>One pointer; true when the case's next message may go now.</summary>
    private async Task<bool> DeliverAsync(Pass pass, OutboxPointerRow pointer, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (pointer.NextAttemptAt > time.GetUtcNow())
        {
            return false;
        }

        var id = pointer.ToId();
        var message = await store.FindMessageAsync(id, cancellationToken);
        if (message is null)
        {
            // No message row: its transaction has not committed yet, or never will. Only the second lets the case go on.
            if (!await store.IsOrphanAsync(pointer, settings.OrphanGrace, cancellationToken))
            {
                return false;
            }

            await store.DeleteAsync(pointer, cancellationToken);
            LogOrphanDeleted(logger, pointer.CaseId, id);
            return true;
        }

        if (message.DeliveredAt is not null)
        {
            await store.DeleteAsync(pointer, cancellationToken);
            return true;
        }

        var outcome = await sender.SendAsync(pass.Destination, id, message, cancellationToken);
        var now = time.GetUtcNow();
        var tag = HubMetrics.OutboxDestination(pass.Destination.Name);
        switch (outcome.Result)
        {
            case DeliveryResult.Delivered:
                // Marked before the pointer goes, so a pointer written again later (a stale retry of the change) is not sent twice.
                await store.MarkDeliveredAsync(message, now, cancellationToken);
                await store.DeleteAsync(pointer, cancellationToken);
                Interlocked.Increment(ref pass.Delivered);
                HubMetrics.OutboxDelivered.Add(1, tag);
                HubMetrics.OutboxLag.Record(Math.Max(0, (now - message.At).TotalSeconds), tag);
                LogDelivered(logger, pointer.CaseId, id, pointer.Attempts + 1);
                return true;
            case DeliveryResult.CircuitOpen:
                pass.CircuitOpen = true;
                return false;
            case DeliveryResult.Refused:
                pointer.Attempts++;
                await DeadLetterAsync(pass, pointer, id, outcome.Error!, now, cancellationToken);
                return true;
            default:
                pointer.Attempts++;
                var next = now + OutboxBackoff.Delay(pointer.Attempts, settings.RetryBaseDelay, settings.MaxRetryDelay, Random.Shared.NextDouble(), outcome.RetryAfter);
                if (pointer.Attempts >= settings.MaxAttempts || next - pointer.PendingSince > settings.MaxAge)
                {
                    await DeadLetterAsync(pass, pointer, id, $"Gave up after {pointer.Attempts} attempts in {now - pointer.PendingSince:c}; the last: {outcome.Error}", now, cancellationToken);
                    return true;
                }

                pointer.LastError = outcome.Error;
                pointer.NextAttemptAt = next;
                if (await store.TryUpdateAsync(pointer, cancellationToken))
                {
                    Interlocked.Increment(ref pass.Retried);
                    HubMetrics.OutboxRetried.Add(1, tag);
                    LogRetrying(logger, pointer.CaseId, id, pointer.Attempts, next, outcome.Error);
                }

                return false;
        }
    }

    private async Task DeadLetterAsync(Pass pass, OutboxPointerRow pointer, OutboxMessageId id, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        pointer.Dead = true;
        pointer.DeadAt = now;
        pointer.LastError = reason;
        if (await store.TryUpdateAsync(pointer, cancellationToken))
        {
            Interlocked.Increment(ref pass.DeadLettered);
            HubMetrics.OutboxDeadLettered.Add(1, HubMetrics.OutboxDestination(pass.Destination.Name));
            LogDeadLettered(logger, pointer.CaseId, id, reason);
        }
    }

    /// <summary>The state of one destination's pass, shared by the cases delivered in parallel.</summary>
    private sealed class Pass(OutboxDestination destination, DateTimeOffset until)
    {
        public int Delivered;
        public int Retried;
        public int DeadLettered;

        public OutboxDestination Destination => destination;

        /// <summary>No attempt starts after this.</summary>
        public DateTimeOffset Until => until;

        public volatile bool CircuitOpen;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case {CaseId}: outbound message {MessageId} delivered (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string caseId, OutboxMessageId messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: outbound message {MessageId} failed attempt {Attempt}, next at {NextAttemptAt:o}: {Error}")]
    private static partial void LogRetrying(ILogger logger, string caseId, OutboxMessageId messageId, int attempt, DateTimeOffset nextAttemptAt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: outbound message {MessageId} is dead until an administrator redelivers it: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string caseId, OutboxMessageId messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: the pointer of {MessageId} had no message (its change never committed) and was deleted")]
    private static partial void LogOrphanDeleted(ILogger logger, string caseId, OutboxMessageId messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: delivering to {Destination} failed on storage; its messages wait for the next pass")]
    private static partial void LogCaseFailed(ILogger logger, Exception exception, string caseId, string destination);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox destination {Destination}: the pass failed; the next pass tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string destination);
}
