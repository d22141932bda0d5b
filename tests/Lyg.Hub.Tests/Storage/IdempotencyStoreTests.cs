using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Storage;

[Collection(AzuriteDefinition.Name)]
public sealed class IdempotencyStoreTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly AzuriteFixture _azurite;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly string _scope = "report\n" + Guid.NewGuid().ToString("N");
    private readonly IdempotencyStore _store;

    public IdempotencyStoreTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _store = new IdempotencyStore(azurite.Tables, Options.Create(new IdempotencyOptions { Retention = Retention }), _clock);
    }

    [Fact]
    public async Task An_unused_key_has_no_reservation()
    {
        Assert.Null(await _store.FindAsync(Key("k-1", "report A"), CancellationToken.None));
    }

    [Fact]
    public async Task The_first_reservation_wins_and_a_second_returns_it()
    {
        var key = Key("k-1", "report A");

        var first = await _store.ReserveAsync(key, "LYG-20261126-000001", CancellationToken.None);
        var second = await _store.ReserveAsync(key, "LYG-20261126-000002", CancellationToken.None);

        Assert.Equal(new Reservation("LYG-20261126-000001", key.RequestHash), first);
        Assert.Equal(first, second);
        Assert.Equal(first, await _store.FindAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_reservation_keeps_the_first_requests_hash_so_a_different_request_is_detectable()
    {
        var original = Key("k-1", "report A");
        var changed = Key("k-1", "report B");

        await _store.ReserveAsync(original, "LYG-20261126-000001", CancellationToken.None);
        var found = await _store.ReserveAsync(changed, "LYG-20261126-000002", CancellationToken.None);

        Assert.Equal("LYG-20261126-000001", found.ResourceId);
        Assert.Equal(original.RequestHash, found.RequestHash);
        Assert.NotEqual(changed.RequestHash, found.RequestHash);
    }

    [Fact]
    public async Task Keys_of_other_scopes_do_not_collide()
    {
        var mine = Key("k-1", "report A");
        var theirs = RequestKey.Create(_scope + "-other", "k-1", new VoidCaseRequest("report A"), LygJsonContext.Default.VoidCaseRequest);

        await _store.ReserveAsync(mine, "LYG-20261126-000001", CancellationToken.None);
        var other = await _store.ReserveAsync(theirs, "LYG-20261126-000002", CancellationToken.None);

        Assert.Equal("LYG-20261126-000002", other.ResourceId);
    }

    [Fact]
    public async Task Racing_reservations_all_get_the_same_resource()
    {
        var key = Key("k-1", "report A");

        var reservations = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            _store.ReserveAsync(key, $"LYG-20261126-{i:D6}", CancellationToken.None)));

        Assert.Single(reservations.Distinct());
        Assert.Equal(reservations[0], await _store.FindAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_reservation_is_served_until_the_retention_and_absent_after_it()
    {
        var key = Key("k-1", "report A");
        var first = await _store.ReserveAsync(key, "LYG-20261126-000001", CancellationToken.None);

        _clock.Advance(Retention - TimeSpan.FromMinutes(1));
        Assert.Equal(first, await _store.FindAsync(key, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await _store.FindAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_fresh_reservation_replaces_an_expired_one_once_even_when_racing()
    {
        var key = Key("k-1", "report A");
        await _store.ReserveAsync(key, "LYG-20261126-000001", CancellationToken.None);
        _clock.Advance(Retention + TimeSpan.FromMinutes(1));

        var reservations = await Task.WhenAll(Enumerable.Range(2, 6).Select(i =>
            _store.ReserveAsync(key, $"LYG-20261126-{i:D6}", CancellationToken.None)));

        var fresh = Assert.Single(reservations.Distinct());
        Assert.NotEqual("LYG-20261126-000001", fresh.ResourceId);
        Assert.Equal(fresh, await _store.FindAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_expired_reservations_removes_those_past_the_retention_and_keeps_the_rest()
    {
        var old = Key("old", "report A");
        var recent = Key("recent", "report B");
        await _store.ReserveAsync(old, "LYG-20261126-000001", CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(3));
        await _store.ReserveAsync(recent, "LYG-20261126-000002", CancellationToken.None);
        _clock.Advance(Retention - TimeSpan.FromDays(2));

        var deleted = await _store.DeleteExpiredAsync(CancellationToken.None);

        Assert.InRange(deleted, 1, int.MaxValue);
        Assert.False(await RowExistsAsync(old));
        Assert.True(await RowExistsAsync(recent));
        Assert.Equal("LYG-20261126-000002", (await _store.FindAsync(recent, CancellationToken.None))?.ResourceId);
    }

    [Fact]
    public async Task A_reservation_written_before_expiry_was_recorded_ages_from_its_timestamp()
    {
        // As reservations were stored before they carried their time: no ReservedAt.
        var legacy = Key("legacy", "report A");
        await Table.AddEntityAsync(
            new TableEntity(legacy.KeyHash, "reservation") { ["ResourceId"] = "LYG-20261126-000001", ["RequestHash"] = legacy.RequestHash },
            CancellationToken.None);

        Assert.Equal("LYG-20261126-000001", (await _store.FindAsync(legacy, CancellationToken.None))?.ResourceId);
        await _store.DeleteExpiredAsync(CancellationToken.None);
        Assert.True(await RowExistsAsync(legacy));

        _clock.Advance(Retention + TimeSpan.FromMinutes(1));
        Assert.Null(await _store.FindAsync(legacy, CancellationToken.None));
        await _store.DeleteExpiredAsync(CancellationToken.None);
        Assert.False(await RowExistsAsync(legacy));
    }

    private TableClient Table => _azurite.Tables.GetTableClient(TableNames.Idempotency);

    private async Task<bool> RowExistsAsync(RequestKey key) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(key.KeyHash, "reservation", cancellationToken: CancellationToken.None)).HasValue;

    private RequestKey Key(string key, string request) =>
        RequestKey.Create(_scope, key, new VoidCaseRequest(request), LygJsonContext.Default.VoidCaseRequest);
}
