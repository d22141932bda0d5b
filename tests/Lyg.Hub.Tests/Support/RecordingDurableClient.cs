using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

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
    private readonly ConcurrentQueue<string> _reads = new();
    private int _queries;

    public IReadOnlyDictionary<string, Scheduled> Instances => _instances;

    public IReadOnlyList<RaisedEvent> Events => [.. _events];

    public IReadOnlyList<string> Purged => [.. _purged];

    /// <summary>The instance ids read one at a time, in order.</summary>
    public IReadOnlyList<string> Reads => [.. _reads];

    /// <summary>How many instance queries were made (each paged through to its end).</summary>
    public int Queries => Volatile.Read(ref _queries);

    public bool RefusesToSchedule { get; set; }

    /// <summary>Called after each start is recorded, e.g. to make the intake fail right after its workflow started.</summary>
    public Action? AfterSchedule { get; set; }

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

        AfterSchedule?.Invoke();
        return Task.FromResult(instanceId);
    }

    /// <summary>The instance ended, as a workflow does when its case was never stored.</summary>
    public void Complete(string instanceId) => EndAs(instanceId, OrchestrationRuntimeStatus.Completed);

    /// <summary>The instance ended as failed, terminated or completed.</summary>
    public void EndAs(string instanceId, OrchestrationRuntimeStatus status) => _instances[instanceId] = _instances[instanceId] with { Status = status };

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        _reads.Enqueue(instanceId);
        return Task.FromResult(_instances.TryGetValue(instanceId, out var scheduled) ? Metadata(instanceId, scheduled) : null);
    }

    /// <summary>Honours the instance id prefix, the statuses and the page size, as the task hub's query does.</summary>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        Interlocked.Increment(ref _queries);
        var query = filter ?? new OrchestrationQuery();
        var matches = _instances
            .Where(i => i.Key.StartsWith(query.InstanceIdPrefix ?? "", StringComparison.Ordinal) && (query.Statuses is null || query.Statuses.Contains(i.Value.Status)))
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => Metadata(i.Key, i.Value))
            .ToList();
        return Pageable.Create((continuation, pageSize, _) =>
        {
            var skip = continuation is null ? 0 : int.Parse(continuation, CultureInfo.InvariantCulture);
            var size = pageSize ?? query.PageSize;
            var next = skip + size < matches.Count ? (skip + size).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new Page<OrchestrationMetadata>([.. matches.Skip(skip).Take(size)], next));
        });
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

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    /// <summary>With the input serialized as the task hub keeps it, so a restart can read it back.</summary>
    private static OrchestrationMetadata Metadata(string instanceId, Scheduled scheduled) =>
        new(scheduled.Name, instanceId)
        {
            RuntimeStatus = scheduled.Status,
            SerializedInput = JsonDataConverter.Default.Serialize(scheduled.Input),
            DataConverter = JsonDataConverter.Default,
        };

    public sealed record Scheduled(string Name, object? Input, OrchestrationRuntimeStatus Status);

    public sealed record RaisedEvent(string InstanceId, string Name, object? Payload);
}
