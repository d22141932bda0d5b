using Lyg.Contracts;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.Intake;

[Collection(AzuriteDefinition.Name)]
public sealed class ReportQuotaTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset WindowStart = new(2031, 7, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Hosts_sharing_storage_together_let_through_exactly_the_limit_of_one_citizen()
    {
        var clock = new FakeTimeProvider(WindowStart.AddMinutes(10));
        var settings = Options.Create(new ReportQuotaOptions { PerCitizen = 5 });
        ReportQuota[] hosts = [new(azurite.Tables, settings, clock), new(azurite.Tables, settings, clock)];
        var citizen = Citizen();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => hosts[i % 2].TryTakeAsync(citizen, CancellationToken.None)));

        Assert.Equal(5, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal(TimeSpan.FromMinutes(50), d.RetryAfter));
    }

    [Fact]
    public async Task A_new_window_starts_a_new_count_and_the_counts_of_ended_windows_are_deleted()
    {
        var clock = new FakeTimeProvider(WindowStart.AddMinutes(59));
        var quota = new ReportQuota(azurite.Tables, Options.Create(new ReportQuotaOptions { PerCitizen = 1 }), clock);
        var citizen = Citizen();
        Assert.True((await quota.TryTakeAsync(citizen, CancellationToken.None)).Allowed);
        Assert.False((await quota.TryTakeAsync(citizen, CancellationToken.None)).Allowed);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await quota.TryTakeAsync(citizen, CancellationToken.None)).Allowed);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.InRange(await quota.DeleteExpiredAsync(CancellationToken.None), 2, int.MaxValue);
        Assert.True((await quota.TryTakeAsync(citizen, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task A_subject_is_counted_per_issuer()
    {
        var clock = new FakeTimeProvider(WindowStart);
        var quota = new ReportQuota(azurite.Tables, Options.Create(new ReportQuotaOptions { PerCitizen = 1 }), clock);
        var subject = "citizen-" + Guid.NewGuid().ToString("N");

        Assert.True((await quota.TryTakeAsync(new IntakeReporter("https://idp-a.example", subject, Roles.Citizen), CancellationToken.None)).Allowed);
        Assert.True((await quota.TryTakeAsync(new IntakeReporter("https://idp-b.example", subject, Roles.Citizen), CancellationToken.None)).Allowed);
    }

    private static IntakeReporter Citizen() => new(TestJwt.Issuer, "citizen-" + Guid.NewGuid().ToString("N"), Roles.Citizen);
}
