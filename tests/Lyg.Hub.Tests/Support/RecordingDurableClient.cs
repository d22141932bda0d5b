using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Tests.Support;

/// <summary>
/// A durable client that only remembers: which instances were scheduled (and refuses a second with the same id,
/// as the dedupe statuses do) and which events were raised.
/// </summary>
public sealed class RecordingDurableClient() : DurableTaskClient("recording")
{
    private readonly ConcurrentDictionary<string, Scheduled> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RaisedEvent> _events = new();

    public IReadOnlyDictionary<string, Scheduled> Instances => _instances;

    public IReadOnlyList<RaisedEvent> Events => [.. _events];

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (!_instances.TryAdd(instanceId, new Scheduled(orchestratorName.Name, input)))
        {
            throw new InvalidOperationException($"An instance with ID '{instanceId}' already exists.");
        }

        return Task.FromResult(instanceId);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(_instances.TryGetValue(instanceId, out var scheduled)
            ? new OrchestrationMetadata(scheduled.Name, instanceId) { RuntimeStatus = OrchestrationRuntimeStatus.Running }
            : null);

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

    public sealed record Scheduled(string Name, object? Input);

    public sealed record RaisedEvent(string InstanceId, string Name, object? Payload);
}
