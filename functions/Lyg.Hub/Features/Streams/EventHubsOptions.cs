using Microsoft.Extensions.Configuration;

namespace Lyg.Hub.Features.Streams;

/// <summary>
/// One Event Hubs consumer, section <c>EventHubs:{name}</c>: <c>ConnectionString</c> (with the hub as its
/// <c>EntityPath</c> or in <c>EventHubName</c>), or <c>FullyQualifiedNamespace</c> and <c>EventHubName</c> with
/// <c>DefaultAzureCredential</c> (<c>ClientId</c> names a user-assigned identity); <c>ConsumerGroup</c> (default
/// <c>$Default</c>) and <c>MaxBatchSize</c>. A consumer with neither a connection string nor a namespace is off, so a
/// local run needs no Event Hubs.
/// </summary>
public sealed record EventHubsConsumer(
    string Name, string? ConnectionString, string? FullyQualifiedNamespace, string? EventHubName, string ConsumerGroup, string? ClientId, int MaxBatchSize)
{
    public const string Section = "EventHubs";
    public const string Telemetry = "Telemetry";
    public const string Hotline12345 = "Hotline12345";
    public const string Vehicles = "Vehicles";
    public const string Video = "Video";
    public const string DefaultConsumerGroup = "$Default";
    public const int DefaultMaxBatchSize = 100;

    /// <summary>The consumer named <paramref name="name"/>, or null when it is off; a half-configured one stops the host, naming what is missing.</summary>
    public static EventHubsConsumer? From(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection($"{Section}:{name}");
        var connection = Blank(section["ConnectionString"]);
        var ns = Blank(section["FullyQualifiedNamespace"]);
        var hub = Blank(section["EventHubName"]);
        if (connection is null && ns is null)
        {
            return null;
        }

        if (connection is not null && ns is not null)
        {
            throw new InvalidOperationException($"{Section}:{name}: set ConnectionString or FullyQualifiedNamespace, not both.");
        }

        if (ns is not null && hub is null)
        {
            throw new InvalidOperationException($"{Section}:{name}:EventHubName is required with FullyQualifiedNamespace.");
        }

        if (connection is not null && hub is null && !connection.Contains("EntityPath=", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Section}:{name}: the connection string names no EntityPath, so set EventHubName.");
        }

        var batch = section["MaxBatchSize"] is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
                ? n
                : throw new InvalidOperationException($"{Section}:{name}:MaxBatchSize is 1 to 1000.")
            : DefaultMaxBatchSize;
        return new EventHubsConsumer(name, connection, ns, hub, Blank(section["ConsumerGroup"]) ?? DefaultConsumerGroup, Blank(section["ClientId"]), batch);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Where the processors keep their state (section <c>Streams</c>): the checkpoint and dead-letter containers.</summary>
public sealed class StreamsOptions
{
    public const string Section = "Streams";

    public string CheckpointContainer { get; set; } = "eventhubs-checkpoints";

    public string DeadLetterContainer { get; set; } = "eventhubs-deadletters";
}
