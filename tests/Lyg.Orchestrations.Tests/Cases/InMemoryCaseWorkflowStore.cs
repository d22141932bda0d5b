using System.Collections.Concurrent;
using Lyg.Contracts;
using Lyg.Orchestrations.Cases;

namespace Lyg.Orchestrations.Tests.Cases;

/// <summary>The workflow's storage port in memory; the Table implementation is tested against Azurite in Lyg.Hub.Tests.</summary>
internal sealed class InMemoryCaseWorkflowStore : ICaseWorkflowStore
{
    private readonly ConcurrentDictionary<string, CaseFacts> _cases = new();
    private readonly ConcurrentDictionary<string, IssueSlipCommand> _slips = new();

    public void Save(string caseId, CaseFacts facts) => _cases[caseId] = facts;

    public void Remove(string caseId) => _cases.TryRemove(caseId, out _);

    public CaseFacts FactsOf(string caseId) => _cases[caseId];

    public IReadOnlyList<IssueSlipCommand> SlipsOf(string caseId) =>
        _slips.Values.Where(s => s.CaseId == caseId).OrderBy(s => s.IssuedAt).ThenBy(s => s.SlipId, StringComparer.Ordinal).ToList();

    public Task<(CaseFacts Facts, IReadOnlySet<string> IssuedSlipIds)?> ReadClockAsync(string caseId, CancellationToken cancellationToken)
    {
        if (!_cases.TryGetValue(caseId, out var facts))
        {
            return Task.FromResult<(CaseFacts, IReadOnlySet<string>)?>(null);
        }

        IReadOnlySet<string> issued = _slips.Values.Where(s => s.CaseId == caseId).Select(s => s.SlipId).ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<(CaseFacts, IReadOnlySet<string>)?>((facts, issued));
    }

    public Task IssueSlipAsync(IssueSlipCommand slip, CancellationToken cancellationToken)
    {
        _slips.TryAdd(slip.SlipId, slip);
        return Task.CompletedTask;
    }
}
