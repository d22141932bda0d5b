using Azure.Storage.Blobs;
using Lyg.Hub.Features.Streams;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyg.Hub.Tests.Features.Streams;

/// <summary>Which consumers the settings turn on, and the processor they make, without connecting to any namespace.</summary>
public sealed class EventHubsConsumerTests
{
    private const string ConnectionString = "Endpoint=sb://lyg-test.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=c2FtcGxl;EntityPath=telemetry";

    [Fact]
    public void A_consumer_without_a_connection_or_a_namespace_is_off()
    {
        Assert.Null(EventHubsConsumer.From(Settings(new() { ["EventHubs:Telemetry:ConsumerGroup"] = "hub" }), EventHubsConsumer.Telemetry));
    }

    [Fact]
    public void A_connection_string_with_its_entity_path_makes_a_processor_of_that_hub_and_group()
    {
        var consumer = EventHubsConsumer.From(
            Settings(new() { ["EventHubs:Telemetry:ConnectionString"] = ConnectionString, ["EventHubs:Telemetry:ConsumerGroup"] = "lyg-hub", ["EventHubs:Telemetry:MaxBatchSize"] = "250" }),
            EventHubsConsumer.Telemetry)!;

        var processor = Processor(consumer);

        Assert.Equal(("lyg-test.servicebus.windows.net", "telemetry", "lyg-hub", 250), (processor.FullyQualifiedNamespace, processor.EventHubName, processor.ConsumerGroup, consumer.MaxBatchSize));
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void A_namespace_and_hub_make_a_processor_that_signs_in_with_the_default_credential()
    {
        var consumer = EventHubsConsumer.From(
            Settings(new() { ["EventHubs:Hotline12345:FullyQualifiedNamespace"] = "lyg-prod.servicebus.windows.net", ["EventHubs:Hotline12345:EventHubName"] = "hotline12345" }),
            EventHubsConsumer.Hotline12345)!;

        var processor = Processor(consumer);

        Assert.Equal(("lyg-prod.servicebus.windows.net", "hotline12345", "$Default"), (processor.FullyQualifiedNamespace, processor.EventHubName, processor.ConsumerGroup));
    }

    [Theory]
    [InlineData("FullyQualifiedNamespace", "lyg.servicebus.windows.net", null, null, "EventHubName is required")]
    [InlineData("ConnectionString", "Endpoint=sb://lyg.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=a2V5", null, null, "names no EntityPath")]
    [InlineData("ConnectionString", ConnectionString, "FullyQualifiedNamespace", "lyg.servicebus.windows.net", "not both")]
    [InlineData("ConnectionString", ConnectionString, "MaxBatchSize", "0", "MaxBatchSize is 1 to 1000")]
    public void A_half_configured_consumer_stops_the_host_naming_what_is_wrong(string key, string value, string? otherKey, string? otherValue, string message)
    {
        var settings = new Dictionary<string, string?> { [$"EventHubs:Telemetry:{key}"] = value };
        if (otherKey is not null)
        {
            settings[$"EventHubs:Telemetry:{otherKey}"] = otherValue;
        }

        var ex = Assert.Throws<InvalidOperationException>(() => EventHubsConsumer.From(Settings(settings), EventHubsConsumer.Telemetry));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    private static StreamProcessor Processor(EventHubsConsumer consumer) => StreamProcessor.Create(
        consumer, new BlobCheckpointStore(new BlobContainerClient("UseDevelopmentStorage=true", "unused")), new NoHandler(),
        new StreamBatchRunner(new DeadLetterStore(new BlobContainerClient("UseDevelopmentStorage=true", "unused")), NullLogger<StreamBatchRunner>.Instance),
        new RecordingDurableClient(), NullLogger<StreamProcessor>.Instance);

    private static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed class NoHandler : IStreamBatchHandler
    {
        public Task<StreamBatchOutcome> HandleAsync(IReadOnlyList<Azure.Messaging.EventHubs.EventData> events, Microsoft.DurableTask.Client.DurableTaskClient durable, CancellationToken cancellationToken) =>
            Task.FromResult(StreamBatchOutcome.Clean);
    }
}
