using Lyg.Contracts;
using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Advertisements;

/// <summary>
/// The daily permit job on Azurite with a fake clock: each level from its first day (blue 30 days before the last valid
/// day, yellow 7, orange once lapsed with its case policy), nothing before, and a renewal cleared once.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class AdvertisementPermitAlertsTests(AzuriteFixture azurite)
{
    // The permit's last valid day; the job runs at 07:00 China Standard Time.
    private static readonly DateOnly LastValidDay = new(2026, 12, 31);
    private readonly string _id = $"ad-test-{Guid.NewGuid():N}"[..32];

    public static TheoryData<int, string?, WarningLevel?> Edges => new()
    {
        { 31, null, null },
        { 30, AdvertisementPermitAlerts.ExpiringRule, WarningLevel.Blue },
        { 8, AdvertisementPermitAlerts.ExpiringRule, WarningLevel.Blue },
        { 7, AdvertisementPermitAlerts.ExpiringRule, WarningLevel.Yellow },
        { 0, AdvertisementPermitAlerts.ExpiringRule, WarningLevel.Yellow },
        { -1, AdvertisementPermitAlerts.ExpiredRule, WarningLevel.Orange },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Each_level_holds_from_its_first_day(int daysLeft, string? rule, WarningLevel? level)
    {
        var (said, signals) = AdvertisementPermitAlerts.SignalsFor(Ad(), LastValidDay.AddDays(-daysLeft), DateTimeOffset.UnixEpoch, new AdvertisementOptions());

        var signal = signals.SingleOrDefault();
        Assert.Equal((rule, level, level), (signal?.Rule, signal?.Level, said));
        Assert.Equal(level == WarningLevel.Orange ? new AlertCasePolicy(WarningLevel.Orange, "0203", CodeKind.Event) : null, signal?.Case);
    }

    [Fact]
    public async Task The_job_warns_every_day_while_a_level_holds_clears_a_rule_that_stops_holding_and_clears_once_after_a_renewal()
    {
        var store = new AdvertisementStore(azurite.Tables, Places);
        await store.UpsertAsync([Ad()], CancellationToken.None);
        var clock = new FakeTimeProvider(At(LastValidDay.AddDays(-7)));
        var sink = new RecordingAlertSink();
        var job = new AdvertisementPermitAlerts(store, sink, Options.Create(new AdvertisementOptions()), clock, NullLogger<AdvertisementPermitAlerts>.Instance);
        await using var durable = new RecordingDurableClient();

        await job.RunAsync(durable, CancellationToken.None);
        clock.SetUtcNow(At(LastValidDay.AddDays(1)));
        await job.RunAsync(durable, CancellationToken.None);
        await job.RunAsync(durable, CancellationToken.None);
        await store.UpsertAsync([Ad() with { PermitNumber = "P-2027", PermitValidUntil = new DateOnly(2027, 12, 31) }], CancellationToken.None);
        await job.RunAsync(durable, CancellationToken.None);
        await job.RunAsync(durable, CancellationToken.None);

        var mine = sink.Signals.Where(s => s.SubjectId == _id).ToList();
        Assert.Equal(
            [
                (AdvertisementPermitAlerts.ExpiringRule, (WarningLevel?)WarningLevel.Yellow),
                (AdvertisementPermitAlerts.ExpiringRule, null),
                (AdvertisementPermitAlerts.ExpiredRule, WarningLevel.Orange),
                (AdvertisementPermitAlerts.ExpiredRule, WarningLevel.Orange),
                (AdvertisementPermitAlerts.ExpiredRule, null),
            ],
            mine.Select(s => (s.Rule, s.Level)));
        Assert.All(mine, s => Assert.Equal((AlertSubject.Advertisement, "lightbox"), (s.Subject, s.Kind)));
        Assert.Null((await store.FindAsync(_id, CancellationToken.None))!.LastAlertLevel);
    }

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.FromHours(8));

    private Advertisement Ad() => new(_id, "lightbox", "测试商户", CentreOf(City.Grids[42]), null, "P-2026", new DateOnly(2026, 1, 1), LastValidDay);
}
