namespace Lyg.Orchestrations.Cases;

/// <summary>The storage the case workflow's activities need; implemented over Azure Tables by the hub.</summary>
public interface ICaseWorkflowStore
{
    /// <summary>The case's facts and the ids of the slips already issued, or null if the case does not exist.</summary>
    Task<(CaseFacts Facts, IReadOnlySet<string> IssuedSlipIds)?> ReadClockAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Writes the slip keyed by its id; writing the same slip twice leaves one slip and keeps its acknowledgement.</summary>
    Task IssueSlipAsync(IssueSlipCommand slip, CancellationToken cancellationToken);
}
