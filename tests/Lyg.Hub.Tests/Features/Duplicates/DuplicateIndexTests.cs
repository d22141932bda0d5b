using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Duplicates;

/// <summary>
/// The duplicate lookup on Azurite: radius, window, category and open state decide; neighbouring cells are all read;
/// a failing lookup leaves the report unflagged. Each test works at a point of its own, far from every other test's.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class DuplicateIndexTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const double MetresPerDegree = 111_320;

    /// <summary>Intakes here number 2034, a year no other test numbers.</summary>
    private static readonly DateTimeOffset IntakeDay = new(2034, 7, 7, 1, 0, 0, TimeSpan.Zero);

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Morning);
    private readonly GeoPoint _here = new(25 + Random.Shared.NextDouble() * 15, 100 + Random.Shared.NextDouble() * 20);
    private UnitStore _units = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(_units, UnitFixtures.Unit("DEPT-CGJ"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Open_cases_of_the_category_within_the_radius_are_flagged_nearest_first_and_farther_ones_are_not()
    {
        var north10 = await ExistingAsync(Moved(_here, 10, 0));
        var east25 = await ExistingAsync(Moved(_here, 0, 25));
        await ExistingAsync(Moved(_here, -31, 0));
        await ExistingAsync(Moved(_here, 30, 30));

        var found = await Index().IndexAndFindAsync(Report(_here), CancellationToken.None);

        Assert.Equal([north10, east25], found.Select(d => d.CaseId));
        Assert.Equal(10, found[0].DistanceMetres, 0.2);
        Assert.Equal(25, found[1].DistanceMetres, 0.2);
    }

    [Fact]
    public async Task Only_cases_reported_within_the_window_before_the_report_count()
    {
        var recent = await ExistingAsync(Moved(_here, 5, 0), Morning.AddHours(-23));
        await ExistingAsync(Moved(_here, 0, 5), Morning.AddHours(-25));
        await ExistingAsync(Moved(_here, 3, 3), Morning.AddMinutes(5));

        var found = await Index().IndexAndFindAsync(Report(_here), CancellationToken.None);

        Assert.Equal([recent], found.Select(d => d.CaseId));
    }

    [Fact]
    public async Task Another_category_and_a_report_without_one_are_not_compared()
    {
        await ExistingAsync(Moved(_here, 5, 0), category: "0102");
        var same = await ExistingAsync(Moved(_here, 0, 5));

        Assert.Equal([same], (await Index().IndexAndFindAsync(Report(_here), CancellationToken.None)).Select(d => d.CaseId));
        Assert.Empty(await Index().IndexAndFindAsync(Report(_here) with { CategoryCode = null }, CancellationToken.None));
    }

    [Fact]
    public async Task Closed_voided_and_merged_cases_are_ignored_though_their_index_rows_remain()
    {
        var steps = new CaseSteps(_cases, _units);
        var closed = await ExistingAsync(Moved(_here, 4, 0));
        await steps.CloseAsync(closed, "DEPT-CGJ", Morning);
        var voided = await ExistingAsync(Moved(_here, 0, 4));
        await steps.TakeAsync(voided, new VoidCase(Clocks), Operator, """{"reason":"重复"}""", Morning);
        var open = await ExistingAsync(Moved(_here, -6, 0));
        var merged = await ExistingAsync(Moved(_here, 0, -5));
        await steps.TakeAsync(merged, new MergeCase(Clocks, _cases, _clock), Operator, $$"""{"intoCaseId":"{{open}}"}""", Morning);

        var found = await Index().IndexAndFindAsync(Report(_here), CancellationToken.None);

        Assert.Equal([open], found.Select(d => d.CaseId));
    }

    [Fact]
    public async Task Cases_spread_over_neighbouring_cells_are_all_found_up_to_the_limit_reading_a_bounded_number_of_cells()
    {
        // The report sits on a corner shared by four cells, its neighbours around it in every direction.
        var cell = 2 * 30 / MetresPerDegree;
        var corner = new GeoPoint(Math.Round(_here.Lat / cell) * cell, Math.Round(_here.Lon / cell) * cell);
        var around = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
        {
            var angle = i * Math.PI / 12;
            var metres = 3 + i;
            return ExistingAsync(Moved(corner, metres * Math.Cos(angle), metres * Math.Sin(angle)));
        }));

        var found = await Index(new DuplicateOptions { MaxFlagged = 20 }).IndexAndFindAsync(Report(corner), CancellationToken.None);

        Assert.Equal(around[..20], found.Select(d => d.CaseId));
        Assert.Equal(found.OrderBy(d => d.DistanceMetres).ToList(), found);
        var cells = DuplicateIndex.CellsNear(corner, 30).ToList();
        Assert.InRange(cells.Count, 4, 6);
        Assert.Equal(cells.Count, cells.Distinct().Count());
    }

    [Fact]
    public async Task A_lookup_that_fails_leaves_the_report_unflagged_within_its_timeout()
    {
        var unreachable = Unreachable();
        await ExistingAsync(Moved(_here, 5, 0));
        var index = new DuplicateIndex(unreachable, _cases, Options.Create(new DuplicateOptions { LookupTimeout = TimeSpan.FromMilliseconds(500) }), _clock, NullLogger<DuplicateIndex>.Instance);
        var started = TimeProvider.System.GetTimestamp();

        var found = await index.IndexAndFindAsync(Report(_here), CancellationToken.None);

        Assert.Empty(found);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_daily_maintenance_deletes_index_rows_older_than_the_window_and_keeps_the_rest()
    {
        var old = await ExistingAsync(Moved(_here, 5, 0), Morning.AddDays(-3));
        var recent = await ExistingAsync(Moved(_here, 0, 5), Morning.AddHours(-1));

        Assert.True(await Index().DeleteExpiredAsync(CancellationToken.None) >= 1);

        var left = new List<string>();
        await foreach (var row in azurite.Tables.GetTableClient(TableNames.DuplicateIndex).QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey eq {old} or RowKey eq {recent}")))
        {
            left.Add(row.RowKey);
        }

        Assert.Equal([recent], left);
    }

    [Fact]
    public async Task Intake_records_the_likely_duplicates_on_the_new_case_and_a_failed_lookup_still_takes_the_report()
    {
        await using var durable = new RecordingDurableClient();
        var clock = new FakeTimeProvider(IntakeDay);
        var first = (IntakeOutcome.Accepted)await Intake(Index(), clock).SubmitAsync(Inspection(_here), null, durable, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(10));

        var second = (IntakeOutcome.Accepted)await Intake(Index(), clock).SubmitAsync(Inspection(Moved(_here, 10, 0)), null, durable, CancellationToken.None);
        var unreachable = Unreachable();
        var failing = new DuplicateIndex(unreachable, _cases, Options.Create(new DuplicateOptions { LookupTimeout = TimeSpan.FromMilliseconds(300) }), _clock, NullLogger<DuplicateIndex>.Instance);
        var third = (IntakeOutcome.Accepted)await Intake(failing, clock).SubmitAsync(Inspection(Moved(_here, 0, 10)), null, durable, CancellationToken.None);

        Assert.Empty((await _cases.FindAsync(first.CaseId, CancellationToken.None))!.LikelyDuplicates!);
        var flagged = Assert.Single((await _cases.FindAsync(second.CaseId, CancellationToken.None))!.LikelyDuplicates!);
        Assert.Equal(first.CaseId, flagged.CaseId);
        Assert.Equal(10, flagged.DistanceMetres, 0.2);
        var unflagged = (await _cases.FindAsync(third.CaseId, CancellationToken.None))!;
        Assert.True(third.Created);
        Assert.Empty(unflagged.LikelyDuplicates!);
        var view = CaseDuplicatesView.Of((await _cases.FindAsync(second.CaseId, CancellationToken.None))!)!;
        Assert.Equal([flagged], view.Likely);
        Assert.Equal((null, 0), (view.MergedInto, view.Merged.Count));
        Assert.Null(CaseDuplicatesView.Of(unflagged));
    }

    /// <summary>Tables on a port where nothing listens: every call fails.</summary>
    private static TableServiceClient Unreachable() => new(
        new Uri("http://127.0.0.1:9/devstoreaccount1"),
        new TableSharedKeyCredential("devstoreaccount1", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="));

    /// <summary>A point <paramref name="north"/> and <paramref name="east"/> metres from <paramref name="from"/>.</summary>
    private static GeoPoint Moved(GeoPoint from, double north, double east) =>
        new(from.Lat + north / MetresPerDegree, from.Lon + east / (MetresPerDegree * Math.Cos(from.Lat * Math.PI / 180)));

    private DuplicateIndex Index(DuplicateOptions? options = null) =>
        new(azurite.Tables, _cases, Options.Create(options ?? new DuplicateOptions()), _clock, NullLogger<DuplicateIndex>.Instance);

    /// <summary>A stored, open case of <paramref name="category"/> at <paramref name="at"/>, indexed as intake indexes it.</summary>
    private async Task<string> ExistingAsync(GeoPoint at, DateTimeOffset? reportedAt = null, string category = Category)
    {
        var newCase = Report(at, reportedAt, category) with { CaseId = AzuriteFixture.NewCaseId() };
        await new DuplicateIndex(azurite.Tables, _cases, Options.Create(new DuplicateOptions()), new FakeTimeProvider(newCase.ReportedAt), NullLogger<DuplicateIndex>.Instance)
            .IndexAndFindAsync(newCase, CancellationToken.None);
        Assert.True(await _cases.CreateAsync(newCase, CancellationToken.None));
        return newCase.CaseId;
    }

    private static NewCase Report(GeoPoint at, DateTimeOffset? reportedAt = null, string? category = Category) =>
        NewCase(AzuriteFixture.NewCaseId(), reportedAt: reportedAt, categoryCode: category) with { Location = at, ReportedPoint = at };

    private static IntakeRequest Inspection(GeoPoint at) =>
        new(CaseSource.Inspector, new IntakeReporter(TestJwt.Issuer, "inspector-1", Roles.Inspector), "井盖缺失", Category, new GeoLocation(at.Lat, at.Lon, CoordinateSystem.Wgs84));

    private CaseIntake Intake(DuplicateIndex duplicates, FakeTimeProvider clock) => new(
        _cases,
        new IdempotencyStore(azurite.Tables, Options.Create(new IdempotencyOptions()), clock),
        new CaseNumberAllocator(azurite.Tables, Options.Create(new CaseNumberOptions()), clock),
        new CaseWorkflowClient(Options.Create(new CaseWorkflowOptions()), CaseFixtures.Calendars),
        Clocks,
        Places,
        new ComponentStore(azurite.Tables),
        CodeCatalog.Default,
        new ReportQuota(azurite.Tables, Options.Create(new ReportQuotaOptions()), clock),
        CaseFixtures.Claims(azurite.Tables, _cases, clock),
        clock,
        duplicates);
}
