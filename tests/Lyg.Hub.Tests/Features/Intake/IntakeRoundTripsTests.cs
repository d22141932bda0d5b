using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Intake;

/// <summary>
/// The storage round trips of one intake, counted on the wire: they bound its latency and, on Azurite's single process,
/// its throughput. Intakes are dated 2033, a year no other test numbers.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class IntakeRoundTripsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2033, 5, 5, 1, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Point = new(34.596, 119.221);

    private readonly CountingPolicy _tableRequests = new();
    private readonly FakeTimeProvider _clock = new(Now);

    /// <summary>
    /// A radius of this test's own: the radius is part of the duplicate index's partition keys, so no case of an earlier
    /// run or test lies near, and the reads a lookup costs are exactly those counted here.
    /// </summary>
    private readonly DuplicateOptions _duplicates = new() { RadiusMetres = 30 + Random.Shared.Next(1, 1_000_000) / 1e7 };

    /// <summary>What duplicate detection costs a report with a category: its index row, a read per cell near it, a read of each case found near.</summary>
    private int DuplicateLookup(GeoPoint point, int casesNear) => 1 + DuplicateIndex.CellsNear(point, _duplicates.RadiusMetres).Count() + casesNear;

    [Fact]
    public async Task A_report_without_a_key_costs_one_table_transaction_the_duplicate_lookup_and_one_workflow_start_once_its_host_holds_numbers()
    {
        await using var durable = new RecordingDurableClient();
        var intake = Intake(blockSize: 50, day: 1);
        await intake.SubmitAsync(Report(Point), null, durable, CancellationToken.None);
        var before = _tableRequests.Count;

        await intake.SubmitAsync(Report(Point), null, durable, CancellationToken.None);

        Assert.Equal(1 + DuplicateLookup(Point, casesNear: 1), _tableRequests.Count - before);
        Assert.Empty(durable.Reads);
        Assert.Equal(2, durable.Instances.Count);
    }

    [Fact]
    public async Task A_keyed_report_adds_one_write_for_its_key_and_a_repeat_reads_the_key_and_the_workflow_once()
    {
        await using var durable = new RecordingDurableClient();
        var intake = Intake(blockSize: 50, day: 2);
        await intake.SubmitAsync(Report(Point), null, durable, CancellationToken.None);
        var key = new SourceKey("tester", Guid.NewGuid().ToString("N"));

        var before = _tableRequests.Count;
        await intake.SubmitAsync(Report(Point), key, durable, CancellationToken.None);
        var first = _tableRequests.Count - before;
        before = _tableRequests.Count;
        await intake.SubmitAsync(Report(Point), key, durable, CancellationToken.None);
        var repeat = _tableRequests.Count - before;

        // First: the key's insert and the case transaction. Repeat: the insert refused, the key read, the case insert refused.
        // Each finds the unkeyed report near (a repeat is not its own duplicate).
        Assert.Equal(2 + DuplicateLookup(Point, casesNear: 1), first);
        Assert.Equal(3 + DuplicateLookup(Point, casesNear: 1), repeat);
        Assert.Single(durable.Reads);
    }

    [Fact]
    public async Task A_citizens_report_without_a_category_adds_the_read_and_the_write_of_their_count_and_no_duplicate_lookup()
    {
        await using var durable = new RecordingDurableClient();
        var intake = Intake(blockSize: 50, day: 4);
        var citizen = "citizen-" + Guid.NewGuid().ToString("N");
        await intake.SubmitAsync(CitizenReport(citizen), null, durable, CancellationToken.None);
        var before = _tableRequests.Count;

        await intake.SubmitAsync(CitizenReport(citizen), null, durable, CancellationToken.None);

        Assert.Equal(1 + 2, _tableRequests.Count - before);
    }

    [Fact]
    public async Task A_storm_writes_the_day_counter_once_per_block()
    {
        await using var durable = new RecordingDurableClient();
        var intake = Intake(blockSize: 20, day: 3);
        // A storm over the city, a few hundred metres apart: no report is near another.
        var points = Enumerable.Range(0, 60).Select(i => new GeoPoint(Point.Lat + (i / 10 * 0.005), Point.Lon + (i % 10 * 0.005))).ToList();
        var before = _tableRequests.Count;

        await Task.WhenAll(points.Select(point => intake.SubmitAsync(Report(point), null, durable, CancellationToken.None)));

        // 60 case transactions with their lookups, and a read and a write of the counter for each of three blocks.
        Assert.Equal(60 + points.Sum(point => DuplicateLookup(point, casesNear: 0)) + (3 * 2), _tableRequests.Count - before);
    }

    /// <summary>An inspector's report, which no per-reporter limit counts: the intake's own round trips.</summary>
    private static IntakeRequest Report(GeoPoint point) =>
        new(CaseSource.Inspector, new IntakeReporter(TestJwt.Issuer, "inspector-1", Roles.Inspector), "井盖缺失", Category, new GeoLocation(point.Lat, point.Lon, CoordinateSystem.Wgs84));

    private static IntakeRequest CitizenReport(string subject) =>
        new(CaseSource.Citizen, new IntakeReporter(TestJwt.Issuer, subject, Roles.Citizen), "井盖缺失", null, new GeoLocation(34.596, 119.221, CoordinateSystem.Wgs84));

    /// <summary>An intake as one host has it, numbering <paramref name="day"/> days after <see cref="Now"/>, a day of its own.</summary>
    private CaseIntake Intake(int blockSize, int day)
    {
        var options = new TableClientOptions();
        options.AddPolicy(_tableRequests, HttpPipelinePosition.PerRetry);
        var tables = new TableServiceClient(azurite.ConnectionString, options);
        var cases = new CaseStore(tables);
        return new CaseIntake(
            cases,
            new IdempotencyStore(tables, Options.Create(new IdempotencyOptions()), _clock),
            new CaseNumberAllocator(tables, Options.Create(new CaseNumberOptions { BlockSize = blockSize }), new FakeTimeProvider(Now.AddDays(day))),
            new CaseWorkflowClient(Options.Create(new CaseWorkflowOptions()), CaseFixtures.Calendars),
            Clocks,
            Places,
            new ComponentStore(tables),
            CodeCatalog.Default,
            new ReportQuota(tables, Options.Create(new ReportQuotaOptions()), _clock),
            CaseFixtures.Claims(tables, cases, _clock),
            _clock,
            new DuplicateIndex(tables, cases, Options.Create(_duplicates), _clock, NullLogger<DuplicateIndex>.Instance));
    }

    /// <summary>Counts every request that leaves for the table service, retries included.</summary>
    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
