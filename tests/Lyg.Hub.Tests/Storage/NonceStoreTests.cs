using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Storage;

[Collection(AzuriteDefinition.Name)]
public sealed class NonceStoreTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private readonly AzuriteFixture _azurite;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly string _client = "client-" + Guid.NewGuid().ToString("N")[..12];
    private readonly NonceStore _store;

    public NonceStoreTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _store = new NonceStore(azurite.Tables, Options.Create(new SigningOptions { ClockSkew = Skew }), _clock);
    }

    [Fact]
    public async Task A_nonce_is_recorded_once_and_refused_after()
    {
        Assert.True(await _store.TryRecordAsync(_client, "nonce-0001", CancellationToken.None));
        Assert.False(await _store.TryRecordAsync(_client, "nonce-0001", CancellationToken.None));
    }

    [Fact]
    public async Task Nonces_are_scoped_per_client()
    {
        Assert.True(await _store.TryRecordAsync(_client, "nonce-0001", CancellationToken.None));
        Assert.True(await _store.TryRecordAsync(_client + "-other", "nonce-0001", CancellationToken.None));
    }

    [Theory]
    [InlineData("a/b\\c#d?e%f")]
    [InlineData("'\"<>|*~!`^{}")]
    public async Task Nonces_with_characters_tables_refuse_in_keys_are_stored_by_their_hash(string nonce)
    {
        Assert.True(await _store.TryRecordAsync(_client, nonce, CancellationToken.None));
        Assert.False(await _store.TryRecordAsync(_client, nonce, CancellationToken.None));

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(_client, NonceStore.RowKey(nonce));
        Assert.True(row.HasValue);
        Assert.Equal(_clock.GetUtcNow(), row.Value!.GetDateTimeOffset("SeenAt"));
    }

    [Fact]
    public async Task Of_two_hosts_recording_one_nonce_at_once_exactly_one_succeeds()
    {
        var tries = Enumerable.Range(0, 8).Select(_ => _store.TryRecordAsync(_client, "raced-nonce", CancellationToken.None));

        var results = await Task.WhenAll(tries);

        Assert.Single(results, recorded => recorded);
    }

    [Fact]
    public async Task Nonces_older_than_twice_the_skew_are_deleted_and_younger_ones_kept()
    {
        await _store.TryRecordAsync(_client, "old-nonce", CancellationToken.None);
        _clock.Advance(2 * Skew - TimeSpan.FromSeconds(1));
        await _store.TryRecordAsync(_client, "young-nonce", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var deleted = await _store.DeleteExpiredAsync(CancellationToken.None);

        Assert.InRange(deleted, 1, int.MaxValue);
        Assert.False((await Table.GetEntityIfExistsAsync<TableEntity>(_client, NonceStore.RowKey("old-nonce"))).HasValue);
        Assert.True((await Table.GetEntityIfExistsAsync<TableEntity>(_client, NonceStore.RowKey("young-nonce"))).HasValue);
    }

    [Fact]
    public async Task A_nonce_whose_first_answer_was_lost_after_it_was_stored_is_still_recorded_by_its_own_request()
    {
        // Under load a try can time out after storage committed it; the SDK's retry then finds the row already there.
        var options = new TableClientOptions();
        options.AddPolicy(new LoseFirstAnswer(), HttpPipelinePosition.PerRetry);
        var store = new NonceStore(new TableServiceClient(_azurite.ConnectionString, options), Options.Create(new SigningOptions { ClockSkew = Skew }), _clock);

        Assert.True(await store.TryRecordAsync(_client, "answer-lost", CancellationToken.None));
        Assert.False(await store.TryRecordAsync(_client, "answer-lost", CancellationToken.None));
    }

    private TableClient Table => _azurite.Tables.GetTableClient(TableNames.Nonces);

    /// <summary>Sends the first insert on, then drops its answer as a broken connection would, so the SDK retries it.</summary>
    private sealed class LoseFirstAnswer : HttpPipelinePolicy
    {
        private int _inserts;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Post && Interlocked.Increment(ref _inserts) == 1)
            {
                throw new IOException("The connection closed before the answer arrived.");
            }
        }
    }
}
