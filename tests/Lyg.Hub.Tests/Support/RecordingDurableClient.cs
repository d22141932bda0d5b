using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Tests.Support;

/// <summary>
/// A durable client that only remembers: which instances were scheduled (and refuses a second with the same id,
/// as the dedupe statuses do), which ended or were purged, and which events were raised. It can be told to refuse
/// every start, as a durable backend that does not answer would.
/// </summary>
public sealed class RecordingDurableClient() : DurableTaskClient("recording")
{
    private readonly ConcurrentDictionary<string, Scheduled> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RaisedEvent> _events = new();
    private readonly ConcurrentQueue<string> _purged = new();

    public IReadOnlyDictionary<string, Scheduled> Instances => _instances;

    public IReadOnlyList<RaisedEvent> Events => [.. _events];

    public IReadOnlyList<string> Purged => [.. _purged];

    public bool RefusesToSchedule { get; set; }

    /// <summary>How many times an instance's status was read: a round trip to the task hub each.</summary>
    public int StatusReads => Volatile.Read(ref _statusReads);

    private int _statusReads;

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (RefusesToSchedule)
        {
            throw new InvalidOperationException("The durable backend does not answer.");
        }

        if (!_instances.TryAdd(instanceId, new Scheduled(orchestratorName.Name, input, OrchestrationRuntimeStatus.Running)))
        {
            throw new InvalidOperationException($"An instance with ID '{instanceId}' already exists.");
        }

        return Task.FromResult(instanceId);
    }

    /// <summary>The instance ended, as a workflow does when its case was never stored.</summary>
    public void Complete(string instanceId) => EndAs(instanceId, OrchestrationRuntimeStatus.Completed);

    /// <summary>The instance ended as failed, terminated or completed.</summary>
    public void EndAs(string instanceId, OrchestrationRuntimeStatus status) => _instances[instanceId] = _instances[instanceId] with { Status = status };

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref _statusReads);
        return Task.FromResult(_instances.TryGetValue(instanceId, out var scheduled)
            ? new OrchestrationMetadata(scheduled.Name, instanceId) { RuntimeStatus = scheduled.Status }
            : null);
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var removed = _instances.TryRemove(instanceId, out _);
        if (removed)
        {
            _purged.Enqueue(instanceId);
        }

        return Task.FromResult(new PurgeResult(removed ? 1 : 0));
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        _events.Enqueue(new RaisedEvent(instanceId, eventName, eventPayload));
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public sealed record Scheduled(string Name, object? Input, OrchestrationRuntimeStatus Status);

    public sealed record RaisedEvent(string InstanceId, string Name, object? Payload);
}
