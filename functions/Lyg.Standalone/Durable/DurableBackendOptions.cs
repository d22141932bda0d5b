namespace Lyg.Standalone.Durable;

/// <summary>The durable backend of the standalone host (section <c>Durable</c>; the task hub name is the flat <c>TaskHubName</c> both hosts read).</summary>
public sealed class DurableBackendOptions
{
    public const string Section = "Durable";
    public const string TaskHubNameKey = "TaskHubName";

    /// <summary>Upper bound of queue polling back-off; the provider's 30 s default makes timers fire up to 30 s late.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// How long a dequeued message stays hidden. After a crash, the messages the dead host held reappear only when
    /// this passes (the provider's default is 5 minutes), so it bounds how long an interrupted workflow waits.
    /// </summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Stable worker id, so a restarted host reclaims its own partitions instead of waiting for them to expire.</summary>
    public string WorkerId { get; set; } = Environment.MachineName;
}
