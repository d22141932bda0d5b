using Lyg.Contracts;

namespace Lyg.Orchestrations.Cases;

/// <summary>The storage the case workflow's activities need; implemented over Azure Tables by the hub.</summary>
public interface ICaseWorkflowStore
{
    /// <summary>The stored state of the case, or null if the case does not exist.</summary>
    Task<CaseState?> GetStateAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Writes the slip keyed by its id; writing the same slip twice leaves one slip.</summary>
    Task IssueSlipAsync(IssueSlipCommand slip, CancellationToken cancellationToken);
}
