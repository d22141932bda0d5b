using Lyg.Contracts;
using Lyg.Orchestrations.Cases;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Lyg.Functions.Durable;

/// <summary>
/// One-line Functions twins of the class-based orchestrator and activities (the Durable source generator is not
/// available); a parity test keeps this list equal to <see cref="CaseWorkflowTasks"/>.
/// </summary>
public sealed class CaseWorkflowFunctions(ReadCaseState readCaseState, IssueSlip issueSlip)
{
    [Function(nameof(CaseOrchestrator))]
    public static Task<CaseOutcome> RunCaseOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CaseOrchestrator().RunAsync(context, context?.GetInput<CaseWorkflowInput>()!);

    [Function(nameof(ReadCaseState))]
    public Task<CaseState?> RunReadCaseState([ActivityTrigger] string caseId, FunctionContext function) =>
        readCaseState.RunAsync(new FunctionActivityContext(nameof(ReadCaseState), function), caseId);

    [Function(nameof(IssueSlip))]
    public Task<string> RunIssueSlip([ActivityTrigger] IssueSlipCommand slip, FunctionContext function) =>
        issueSlip.RunAsync(new FunctionActivityContext(nameof(IssueSlip), function), slip);
}
