using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Streams;
using Microsoft.DurableTask.Client;

namespace Lyg.Standalone.Streams;

/// <summary>
/// Reads the in-process <see cref="TelemetryChannel"/> in batches into the telemetry handler, through the same runner as
/// Event Hubs (poison documents to dead letters), without checkpoints: what the channel held dies with the process. A
/// failing batch is tried three times, then dropped and logged, so storage trouble does not stall the channel for ever.
/// </summary>
internal sealed partial class TelemetryChannelService(
    TelemetryChannel channel, TelemetryBatchHandler eventHubsHandler, StreamBatchRunner runner, DurableTaskClient durable, ILogger<TelemetryChannelService> logger) : BackgroundService
{
    private const int MaxBatchSize = 100;
    private const int MaxAttempts = 3;
    private static readonly StreamPartition Source = new("in-process-telemetry", TelemetryChannel.PartitionId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var handler = eventHubsHandler.For(TelemetryBatchHandler.InProcessChannel);
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await channel.ReadBatchAsync(MaxBatchSize, stoppingToken);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await runner.RunAsync(Source, handler, batch, durable, checkpoint: null, stoppingToken);
                    break;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && attempt < MaxAttempts)
                {
                    LogBatchRetried(logger, ex, batch.Count, attempt);
                    await Task.Delay(TimeSpan.FromSeconds(attempt), stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Nothing to replay from, and the channel must not stall behind storage for ever: the batch is lost, and said so.
                    LogBatchLost(logger, ex, batch.Count);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "In-process telemetry: a batch of {Count} documents failed (attempt {Attempt}); trying again")]
    private static partial void LogBatchRetried(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "In-process telemetry: a batch of {Count} documents failed and is lost")]
    private static partial void LogBatchLost(ILogger logger, Exception exception, int count);
}
