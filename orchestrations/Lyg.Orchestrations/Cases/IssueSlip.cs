using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Lyg.Orchestrations.Cases;

/// <summary>Records a supervision slip on the case; idempotent, because activities run at least once.</summary>
public sealed class IssueSlip(ICaseWorkflowStore store, ILogger<IssueSlip> logger) : TaskActivity<IssueSlipCommand, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, IssueSlipCommand input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = CaseLogScope.Begin(logger, input.CaseId);
        using var budget = new CancellationTokenSource(CaseWorkflowTasks.ActivityTimeout);
        await store.IssueSlipAsync(input, budget.Token);
        return input.SlipId;
    }
}
