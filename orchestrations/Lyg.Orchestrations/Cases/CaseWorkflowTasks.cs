using Microsoft.DurableTask;

namespace Lyg.Orchestrations.Cases;

/// <summary>The single list of orchestrators and activities; the standalone host registers it and the Functions app mirrors it.</summary>
public static class CaseWorkflowTasks
{
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(CaseOrchestrator)];

    public static IReadOnlyList<Type> Activities { get; } = [typeof(ReadCaseClock), typeof(IssueSlip)];

    /// <summary>
    /// How long one activity attempt may wait on storage. Activity contexts carry no cancellation, so each attempt
    /// bounds itself; a hung call then fails the attempt and the workflow's retry policy tries again.
    /// </summary>
    public static readonly TimeSpan ActivityTimeout = TimeSpan.FromSeconds(30);

    public static DurableTaskRegistry AddCaseWorkflow(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }

        return registry;
    }
}
