using Azure.Messaging.EventHubs;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Streams;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Video;

/// <summary>
/// The video stream on Event Hubs (<c>EventHubs:Video</c>): each event's body is one alert document as POST
/// v1/video/alerts takes it (UTF-8), and its application property <see cref="StreamSenders.ClientProperty"/> the video machine client
/// it comes from, which must be allowed to post video alerts. Events are taken one at a time in partition order through
/// <see cref="TakeVideoAlerts"/>, the same as the endpoint's, so a replayed batch changes nothing. An event with no known
/// client, a document with a fault, or an unknown camera is a poison event, named with its reason.
/// </summary>
public sealed class VideoAlertBatchHandler(
    TakeVideoAlerts take, MachineClients clients, PhotoProcessor photos, IOptions<VideoOptions> options, TimeProvider clock) : IStreamBatchHandler
{
    public async Task<StreamBatchOutcome> HandleAsync(IReadOnlyList<EventData> events, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var poison = new List<PoisonEvent>();
        foreach (var data in events)
        {
            if (await TakeAsync(data, durable, cancellationToken) is { } reason)
            {
                poison.Add(new PoisonEvent(data, reason));
            }
        }

        return new StreamBatchOutcome(poison);
    }

    /// <summary>Null when the alerts were taken, else why the event is poison.</summary>
    private async Task<string?> TakeAsync(EventData data, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (clientId, problem) = StreamSenders.Find(data, clients, Roles.Video, ApiEndpoints.PostVideoAlerts, "post video alerts");
        if (clientId is null)
        {
            return problem;
        }

        var (alerts, errors) = VideoAlertDocument.Read(data.EventBody.ToMemory(), options.Value, photos, clock.GetUtcNow());
        if (errors.Count == 0)
        {
            var (cameras, unknown) = await take.FindCamerasAsync(alerts, cancellationToken);
            if (unknown.Count == 0)
            {
                await take.TakeAsync(clientId, alerts, cameras, durable, cancellationToken);
                return null;
            }

            errors = unknown;
        }

        return FieldErrors.Describe(errors.AsReadOnly());
    }
}
