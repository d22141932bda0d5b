using System.ComponentModel.DataAnnotations;

namespace Lyg.Standalone.Durable;

/// <summary>The durable backend of the standalone host (section <c>Durable</c>; the task hub name is the flat <c>TaskHubName</c> both hosts read).</summary>
public sealed class DurableBackendOptions
{
    public const string Section = "Durable";
    public const string TaskHubNameKey = "TaskHubName";

    /// <summary>Upper bound of queue polling back-off; the provider's 30 s default makes timers fire up to 30 s late.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// How long a dequeued message stays hidden. After a crash, the messages the dead host held reappear only when
    /// this passes (the provider's default is 5 minutes), so it bounds how long an interrupted workflow waits.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Stable worker id, so a restarted host reclaims its own partitions instead of waiting for them to expire.</summary>
    [Required]
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>
    /// The section as bound and validated. The backend starts before the host's DI exists, so ValidateOnStart cannot
    /// check it; this does the same, listing every problem.
    /// </summary>
    public static DurableBackendOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<DurableBackendOptions>() ?? new DurableBackendOptions();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            throw new InvalidOperationException($"{Section}: {string.Join(" ", problems.Select(p => p.ErrorMessage))}");
        }

        return options;
    }
}
