using Lyg.Contracts;
using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Features.Units.UnitFixtures;
using CaseFixtures = Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Advertisements;

/// <summary>
/// GET v1/monitoring/advertisements on Azurite with a fake clock: where each permit stands today, the filters, paging
/// and every bad parameter named. Each test lists a kind of its own, since the registry table is shared.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class ListAdvertisementsTests(AzuriteFixture azurite)
{
    // 07:00 China Standard Time on 2026-12-01.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 7, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 12, 1);
    private readonly string _kind = "t" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Each_advertisement_says_where_its_permit_stands_today_with_the_level_the_permit_job_gives_it()
    {
        await PlantAsync();

        var items = (await ListAsync($"?kind={_kind}")).Body.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(
            [($"{_kind}-a", "valid", 100, null), ($"{_kind}-b", "expiring", 10, "blue"), ($"{_kind}-c", "expired", -1, "orange"), ($"{_kind}-d", "not-yet-valid", 400, null)],
            items.Select(i => (i.GetProperty("advertisementId").GetString(), i.GetProperty("permit").GetString(), i.GetProperty("daysLeft").GetInt32(), i.TryGetProperty("permitLevel", out var level) ? level.GetString() : null)));
        Assert.Equal(("2025-01-01", "2027-03-11"), (items[0].GetProperty("permitValidFrom").GetString(), items[0].GetProperty("permitValidUntil").GetString()));
        Assert.Equal("wgs84", items[0].GetProperty("location").GetProperty("crs").GetString());
    }

    [Fact]
    public async Task The_permit_and_place_filters_narrow_the_list_and_pages_follow_each_other_without_repeats()
    {
        await PlantAsync();
        var elsewhere = CaseFixtures.City.Grids[7];
        var here = CaseFixtures.City.Grids[42];

        var expired = await IdsAsync($"?kind={_kind}&permit=expired");
        var inTheGrid = await IdsAsync($"?kind={_kind}&place={here.Code}");
        var inTheOtherDistrict = await IdsAsync($"?kind={_kind}&place={elsewhere.District.Code}");
        var first = await ListAsync($"?kind={_kind}&limit=3");
        var token = first.Body.GetProperty("continuationToken").GetString();
        var second = await ListAsync($"?kind={_kind}&limit=3&continuationToken={token}");

        Assert.Equal([$"{_kind}-c"], expired);
        Assert.Equal([$"{_kind}-a", $"{_kind}-b", $"{_kind}-c"], inTheGrid);
        Assert.Contains($"{_kind}-d", inTheOtherDistrict);
        Assert.Equal($"{_kind}-c", token);
        Assert.Equal([$"{_kind}-d"], second.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("advertisementId").GetString()));
        Assert.False(second.Body.TryGetProperty("continuationToken", out _));
    }

    [Fact]
    public async Task Bad_parameters_are_400_naming_each()
    {
        var answer = await ListAsync("?kind=Not%20A%20Kind&place=nowhere&permit=3&limit=0&continuationToken=a%20b");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["continuationToken", "kind", "limit", "permit", "place"], answer.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    private async Task PlantAsync()
    {
        var here = CaseFixtures.CentreOf(CaseFixtures.City.Grids[42]);
        var elsewhere = CaseFixtures.CentreOf(CaseFixtures.City.Grids[7]);
        await Store().UpsertAsync(
            [
                Ad("a", here, Today.AddDays(100), new DateOnly(2025, 1, 1)),
                Ad("b", here, Today.AddDays(10)),
                Ad("c", here, Today.AddDays(-1)),
                Ad("d", elsewhere, Today.AddDays(400), Today.AddDays(5)),
            ],
            CancellationToken.None);
    }

    private Advertisement Ad(string name, Lyg.Orchestrations.Geo.GeoPoint at, DateOnly until, DateOnly? from = null) =>
        new($"{_kind}-{name}", _kind, "测试商户", at, null, $"P-{name}", from ?? new DateOnly(2026, 1, 1), until);

    private AdvertisementStore Store() => new(azurite.Tables, CaseFixtures.Places);

    private async Task<List<string?>> IdsAsync(string query) =>
        [.. (await ListAsync(query)).Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("advertisementId").GetString())];

    private async Task<ExecutedResult> ListAsync(string query)
    {
        var http = Request(CaseFixtures.Dispatcher, queryString: query);
        var handler = new ListAdvertisements(Store(), CaseFixtures.Places, Options.Create(new AdvertisementOptions()), new FakeTimeProvider(Now));
        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http), http);
    }
}
