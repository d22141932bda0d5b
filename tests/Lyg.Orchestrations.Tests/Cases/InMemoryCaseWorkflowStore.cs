using System.Collections.Concurrent;
using Lyg.Contracts;
using Lyg.Orchestrations.Cases;

namespace Lyg.Orchestrations.Tests.Cases;

/// <summary>The workflow's storage port in memory; the Table implementation is tested against Azurite in Lyg.Hub.Tests.</summary>
internal sealed class InMemoryCaseWorkflowStore : ICaseWorkflowStore
{
    private readonly ConcurrentDictionary<string, CaseState> _states = new();
    private readonly ConcurrentDictionary<string, IssueSlipCommand> _slips = new();
    private int _slipWrites;

    public int SlipWrites => _slipWrites;

    public void SetState(string caseId, CaseState state) => _states[caseId] = state;

    public IReadOnlyList<IssueSlipCommand> SlipsOf(string caseId) =>
        _slips.Values.Where(s => s.CaseId == caseId).OrderBy(s => s.Number).ToList();

    public Task<CaseState?> GetStateAsync(string caseId, CancellationToken cancellationToken) =>
        Task.FromResult(_states.TryGetValue(caseId, out var state) ? state : (CaseState?)null);

    public Task IssueSlipAsync(IssueSlipCommand slip, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _slipWrites);
        _slips[slip.SlipId] = slip;
        return Task.CompletedTask;
    }
}
