using Lyg.Orchestrations.Cases;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Lyg.Functions.Durable;

/// <summary>
/// One-line Functions twins of the class-based orchestrator and activities (the Durable source generator is not
/// available); a parity test keeps this list equal to <see cref="CaseWorkflowTasks"/>.
/// </summary>
public sealed class CaseWorkflowFunctions(ReadCaseClock readCaseClock, IssueSlip issueSlip)
{
    [Function(nameof(CaseOrchestrator))]
    public static Task<CaseOutcome> RunCaseOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CaseOrchestrator().RunAsync(context, context?.GetInput<CaseWorkflowInput>()!);

    [Function(nameof(ReadCaseClock))]
    public Task<CaseClockReading?> RunReadCaseClock([ActivityTrigger] ReadCaseClockRequest request, FunctionContext function) =>
        readCaseClock.RunAsync(new FunctionActivityContext(nameof(ReadCaseClock), function), request);

    [Function(nameof(IssueSlip))]
    public Task<string> RunIssueSlip([ActivityTrigger] IssueSlipCommand slip, FunctionContext function) =>
        issueSlip.RunAsync(new FunctionActivityContext(nameof(IssueSlip), function), slip);
}
