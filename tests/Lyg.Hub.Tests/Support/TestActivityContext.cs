using Microsoft.DurableTask;

namespace Lyg.Hub.Tests.Support;

/// <summary>The context a class-based activity is run with, for calling an activity directly as the worker would.</summary>
public sealed class TestActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
