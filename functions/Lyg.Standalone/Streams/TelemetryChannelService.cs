using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Streams;

namespace Lyg.Standalone.Streams;

/// <summary>
/// Reads the in-process <see cref="TelemetryChannel"/> in batches into the telemetry handler, through the same runner as
/// Event Hubs (poison documents to dead letters), without checkpoints: what the channel held dies with the process.
/// </summary>
internal sealed partial class TelemetryChannelService(
    TelemetryChannel channel, TelemetryBatchHandler eventHubsHandler, StreamBatchRunner runner, ILogger<TelemetryChannelService> logger) : BackgroundService
{
    private const int MaxBatchSize = 100;
    private static readonly StreamPartition Source = new("in-process-telemetry", TelemetryChannel.PartitionId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var handler = eventHubsHandler.For(TelemetryBatchHandler.InProcessChannel);
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await channel.ReadBatchAsync(MaxBatchSize, stoppingToken);
            try
            {
                await runner.RunAsync(Source, handler, batch, checkpoint: null, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Nothing to replay from: the batch is lost, and said so.
                LogBatchLost(logger, ex, batch.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "In-process telemetry: a batch of {Count} documents failed and is lost")]
    private static partial void LogBatchLost(ILogger logger, Exception exception, int count);
}
