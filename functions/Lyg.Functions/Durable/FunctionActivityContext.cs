using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Lyg.Functions.Durable;

/// <summary>The activity context a class-based activity expects, built from the Functions invocation.</summary>
internal sealed class FunctionActivityContext(string name, FunctionContext function) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } =
        function?.BindingContext.BindingData.TryGetValue("instanceId", out var id) == true ? id?.ToString() ?? "" : "";
}
