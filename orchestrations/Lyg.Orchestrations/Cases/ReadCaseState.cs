using Lyg.Contracts;
using Microsoft.DurableTask;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// Reads the stored state of a case. The workflow calls it whenever a stage timer fires, so a state change whose
/// event was lost (the host died between the table write and the raise) is still picked up.
/// </summary>
public sealed class ReadCaseState(ICaseWorkflowStore store) : TaskActivity<string, CaseState?>
{
    public override Task<CaseState?> RunAsync(TaskActivityContext context, string input) =>
        store.GetStateAsync(input, CancellationToken.None);
}
