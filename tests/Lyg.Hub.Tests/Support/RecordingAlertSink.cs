using Lyg.Hub.Features.Alerts;

namespace Lyg.Hub.Tests.Support;

/// <summary>An alert desk that keeps what it was sent.</summary>
public sealed class RecordingAlertSink : IAlertSink
{
    public List<IReadOnlyList<AlertSignal>> Batches { get; } = [];

    /// <summary>Every signal sent, in order.</summary>
    public IReadOnlyList<AlertSignal> Signals
    {
        get
        {
            lock (Batches)
            {
                return [.. Batches.SelectMany(b => b)];
            }
        }
    }

    public Task TakeAsync(IReadOnlyList<AlertSignal> signals, Microsoft.DurableTask.Client.DurableTaskClient durable, CancellationToken cancellationToken)
    {
        lock (Batches)
        {
            Batches.Add(signals);
        }

        return Task.CompletedTask;
    }
}
