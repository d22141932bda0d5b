using System.Text.Json;
using Azure.Messaging.EventHubs;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Streams;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// The 12345 feed on Event Hubs: each event is one work order, its body the JSON POST v1/hotline12345/work-orders takes
/// (UTF-8) and its application property <see cref="StreamSenders.ClientProperty"/> the machine client it comes from, which must be
/// a hotline12345 client allowed to push work orders. Every order goes through <see cref="TakeWorkOrder"/>, the same
/// as the webhook's, so an order pushed by both makes one case, in either order, and a replayed batch changes nothing.
/// An event with no known client, a body that is not a work order, or an order the intake refuses is a poison event.
/// </summary>
public sealed class HotlineFeedHandler(TakeWorkOrder take, MachineClients clients) : IStreamBatchHandler
{
    public async Task<StreamBatchOutcome> HandleAsync(IReadOnlyList<EventData> events, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var poison = new List<PoisonEvent>();

        // One at a time, in partition order: a later push of an order must find the earlier one taken.
        foreach (var data in events)
        {
            if (await TakeAsync(data, durable, cancellationToken) is { } reason)
            {
                poison.Add(new PoisonEvent(data, reason));
            }
        }

        return new StreamBatchOutcome(poison);
    }

    /// <summary>Null when the order was taken, else why the event is poison.</summary>
    private async Task<string?> TakeAsync(EventData data, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (clientId, problem) = StreamSenders.Find(data, clients, Roles.Hotline12345, ApiEndpoints.ReceiveHotlineWorkOrder, "push 12345 work orders");
        if (clientId is null)
        {
            return problem;
        }

        var utf8 = data.EventBody.ToMemory();
        HotlineWorkOrder? order;
        try
        {
            order = JsonSerializer.Deserialize(utf8.Span, LygJsonContext.Default.HotlineWorkOrder);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return $"Not a 12345 work order: {ex.Message}";
        }

        if (order is null)
        {
            return "Not a 12345 work order: the body is null.";
        }

        return await take.TakeAsync(clientId, order, utf8, durable, cancellationToken) switch
        {
            WorkOrderResult.Invalid invalid => FieldErrors.Describe(invalid.Errors.AsReadOnly()),
            _ => null,
        };
    }
}
