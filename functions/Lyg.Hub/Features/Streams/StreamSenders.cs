using Azure.Messaging.EventHubs;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;

namespace Lyg.Hub.Features.Streams;

/// <summary>
/// Who sent an event that carries a machine client's data (a 12345 work order, a video alert): the application property
/// <see cref="ClientProperty"/> names a configured client, which must be of the kind and allowed the endpoint that takes
/// the same data over HTTP, so a stream admits exactly who the signed endpoint admits.
/// </summary>
public static class StreamSenders
{
    public const string ClientProperty = "lyg-client";

    /// <summary>The sending client's id, or why the event is poison.</summary>
    public static (string? ClientId, string? Problem) Find(EventData data, MachineClients clients, string kind, ApiEndpoint endpoint, string doing)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!data.Properties.TryGetValue(ClientProperty, out var property) || property is not string clientId || clients.Find(clientId) is not { } client)
        {
            return (null, $"The application property {ClientProperty} must name a configured machine client.");
        }

        return client.Kind == kind && client.MayCall(endpoint) ? (clientId, null) : (null, $"Machine client {clientId} may not {doing}.");
    }
}
