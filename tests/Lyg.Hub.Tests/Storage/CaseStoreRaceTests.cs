using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;

namespace Lyg.Hub.Tests.Storage;

/// <summary>
/// A retry racing its original request (same Idempotency-Key): the original is made to commit exactly inside each
/// window between the retry's reads, by a pipeline policy on the retry's storage client.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class CaseStoreRaceTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("RowKey='case'")]
    [InlineData("RowKey='idem-")]
    public async Task A_retry_whose_original_commits_between_its_reads_is_answered_as_replayed(string commitAfterReading)
    {
        var caseId = AzuriteFixture.NewCaseId();
        var at = CaseFixtures.Morning;
        var store = new CaseStore(azurite.Tables);
        await store.CreateAsync(CaseFixtures.NewCase(caseId, reportedAt: at), CancellationToken.None);
        var transition = await ActionDecisions.PrepareAsync(
            new RegisterCase(CaseFixtures.Clocks, CaseFixtures.Places), CaseFixtures.Operator, """{"categoryCode":"0101","urgency":"normal"}""", at.AddMinutes(5));
        var key = RequestKey.Create("action\nop-1\nregister", "retry-1", new RegisterCaseRequest("0101", Urgency.Normal, null), LygJsonContext.Default.RegisterCaseRequest);

        var options = new TableClientOptions();
        var original = new CommitOriginalAfter(commitAfterReading, () => store.TransitionAsync(caseId, transition, key, CancellationToken.None));
        options.AddPolicy(original, HttpPipelinePosition.PerCall);
        var retryStore = new CaseStore(new TableServiceClient(azurite.ConnectionString, options));

        var retry = await retryStore.TransitionAsync(caseId, transition, key, CancellationToken.None);

        Assert.Equal(TransitionOutcome.Applied, original.Outcome);
        Assert.Equal(new TransitionResult(TransitionOutcome.Replayed, CaseState.Registered), retry);
        var found = await store.FindAsync(caseId, CancellationToken.None);
        Assert.Equal(2, found!.Timeline.Count);
        Assert.Equal(CaseState.Registered, found.Facts.State);
    }

    /// <summary>After the first GET whose URL contains the marker, runs the original request to completion.</summary>
    private sealed class CommitOriginalAfter(string marker, Func<Task<TransitionResult>> original) : HttpPipelinePolicy
    {
        private int _fired;

        public TransitionOutcome? Outcome { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The store is asynchronous.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            var url = Uri.UnescapeDataString(message.Request.Uri.ToString());
            if (message.Request.Method == RequestMethod.Get && url.Contains(marker, StringComparison.Ordinal) && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                Outcome = (await original()).Outcome;
            }
        }
    }
}
