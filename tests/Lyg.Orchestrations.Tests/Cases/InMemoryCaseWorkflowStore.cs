using System.Collections.Concurrent;
using Lyg.Contracts;
using Lyg.Orchestrations.Cases;

namespace Lyg.Orchestrations.Tests.Cases;

/// <summary>The workflow's storage port in memory; the Table implementation is tested against Azurite in Lyg.Hub.Tests.</summary>
internal sealed class InMemoryCaseWorkflowStore : ICaseWorkflowStore
{
    private readonly ConcurrentDictionary<string, CaseFacts> _cases = new();
    private readonly ConcurrentDictionary<string, IssueSlipCommand> _slips = new();
    private readonly ConcurrentDictionary<string, int> _reads = new();
    private int _failuresToCome;

    /// <summary>The next <paramref name="calls"/> calls fail as a storage blip would.</summary>
    public void FailNext(int calls) => Volatile.Write(ref _failuresToCome, calls);

    /// <summary>Calls that failed because of <see cref="FailNext"/>.</summary>
    public int Failed { get; private set; }

    public void Save(string caseId, CaseFacts facts) => _cases[caseId] = facts;

    public void Remove(string caseId) => _cases.TryRemove(caseId, out _);

    public CaseFacts FactsOf(string caseId) => _cases[caseId];

    /// <summary>How often the workflow read the case's clock, found or not.</summary>
    public int ReadsOf(string caseId) => _reads.GetValueOrDefault(caseId);

    public IReadOnlyList<IssueSlipCommand> SlipsOf(string caseId) =>
        _slips.Values.Where(s => s.CaseId == caseId).OrderBy(s => s.IssuedAt).ThenBy(s => s.SlipId, StringComparer.Ordinal).ToList();

    public Task<(CaseFacts Facts, IReadOnlySet<string> IssuedSlipIds)?> ReadClockAsync(string caseId, CancellationToken cancellationToken)
    {
        Blip();
        _reads.AddOrUpdate(caseId, 1, (_, reads) => reads + 1);
        if (!_cases.TryGetValue(caseId, out var facts))
        {
            return Task.FromResult<(CaseFacts, IReadOnlySet<string>)?>(null);
        }

        IReadOnlySet<string> issued = _slips.Values.Where(s => s.CaseId == caseId).Select(s => s.SlipId).ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<(CaseFacts, IReadOnlySet<string>)?>((facts, issued));
    }

    public Task IssueSlipAsync(IssueSlipCommand slip, CancellationToken cancellationToken)
    {
        Blip();
        _slips.TryAdd(slip.SlipId, slip);
        return Task.CompletedTask;
    }

    private void Blip()
    {
        if (Interlocked.Decrement(ref _failuresToCome) >= 0)
        {
            Failed++;
            throw new IOException("Storage did not answer.");
        }
    }
}
