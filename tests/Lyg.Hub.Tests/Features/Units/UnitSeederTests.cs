using Lyg.Contracts;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyg.Hub.Tests.Features.Units;

[Collection(AzuriteDefinition.Name)]
public sealed class UnitSeederTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_seeder_creates_the_table_plants_the_seed_once_and_keeps_administrators_changes()
    {
        // No EnsureTableAsync here: the seeder must create its table itself.
        var store = new UnitStore(azurite.Tables, "Units" + Guid.NewGuid().ToString("N"));
        var seeder = new UnitSeeder(store, NullLogger<UnitSeeder>.Instance);
        var seed = UnitSeed.Load();

        await seeder.StartAsync(CancellationToken.None);
        var renamed = seed.Units.Single(u => u.Code == "DEPT-CGJ") with { Name = "连云港市城市管理局（新名）", Active = false };
        await store.UpsertAsync(renamed, CancellationToken.None);
        await seeder.StartAsync(CancellationToken.None);
        var stored = await store.ListAsync(null, null, ListUnits.MaxLimit, null, CancellationToken.None);

        Assert.Equal(seed.Units.Select(u => u.Code).Order(StringComparer.Ordinal), stored.Items.Select(u => u.Code));
        Assert.Equal(renamed, await store.FindAsync("DEPT-CGJ", CancellationToken.None));
        Assert.Equal(seed.Units.Single(u => u.Code == "S320706-XINHAI"), await store.FindAsync("S320706-XINHAI", CancellationToken.None));
        Assert.Equal(33, stored.Items.Count(u => u.Kind == UnitKind.Department && u.Code != "LYG-CENTER"));
    }

    [Fact]
    public async Task Seeding_the_sample_into_an_empty_registry_adds_every_unit_and_reseeding_adds_none()
    {
        var store = await UnitFixtures.NewStoreAsync(azurite);
        var seed = UnitSeed.Load();

        Assert.Equal(seed.Units.Count, await store.SeedAsync(seed.Units, CancellationToken.None));
        Assert.Equal(0, await store.SeedAsync(seed.Units, CancellationToken.None));
    }
}
