using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;

namespace Lyg.Hub.Tests.Storage;

[Collection(AzuriteDefinition.Name)]
public sealed class IdempotencyStoreTests(AzuriteFixture azurite)
{
    private readonly IdempotencyStore _store = new(azurite.Tables);
    private readonly string _scope = "report\n" + Guid.NewGuid().ToString("N");

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

    private RequestKey Key(string key, string request) =>
        RequestKey.Create(_scope, key, new VoidCaseRequest(request), LygJsonContext.Default.VoidCaseRequest);
}
