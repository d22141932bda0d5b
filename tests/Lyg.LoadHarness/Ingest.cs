using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Storage;
using Lyg.Testing;

namespace Lyg.LoadHarness;

/// <summary>
/// Sustained telemetry ingest: signed POST v1/telemetry batches arrive open-loop at a fixed rate of readings, round
/// robin over a set of sensors, whatever the earlier batches are doing; at most <c>maxInFlight</c> batches run at
/// once and an arrival that finds them all busy is shed and counted. The baseline, measured first in the same run, is
/// the storage floor: the hub's own <see cref="ReadingStore"/> writing the same rows in-process, as fast as it can.
/// The run's sensors are registered first (water-level sensors cloned from a sample one); each reads a steady level
/// below its thresholds except one in a thousand, which reads orange, so the rules run on every reading and the alert
/// desk opens a few alerts and cases as a real stream would. Every minute prints readings accepted, batch latencies,
/// errors and the host's memory and CPU; the end looks up every reading accepted among those stored (none may be
/// missing) and counts the alerts raised against the sensors above their thresholds, and prints the figures as a markdown
/// table.
/// </summary>
internal static class Ingest
{
    private const string TaskHub = "ingest";
    private const string Gateway = "dev-gateway";
    private const string GatewaySecret = "c2FtcGxlLXNlY3JldC1vZi1kZXYtZ2F0ZXdheS1kZXZlbG9wbWVudC1vbmx5";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan BaselineSpan = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(string[] args)
    {
        var arguments = new HarnessArguments(args);
        var minutes = arguments.At(0, 10);
        var perSecond = arguments.At(1, 2000);
        var batchSize = arguments.At(2, 100);
        var sensors = arguments.At(3, 10_000);
        var maxInFlight = arguments.At(4, 16);

        await using var azurite = await AzuriteInstance.StartAsync(arguments.AzuriteInMemory);
        await using var host = await StandaloneHost.StartAsync(azurite.ConnectionString, TaskHub);
        var tables = new TableServiceClient(azurite.ConnectionString);
        Console.WriteLine($"ingest: {minutes} min at {perSecond} readings/s in batches of {batchSize} over {sensors} sensors, at most {maxInFlight} batches in flight, Azurite {(arguments.AzuriteInMemory ? "in memory" : "on disk")}; " +
            $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");

        var floor = await StorageFloorAsync(tables, batchSize, sensors);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline: ReadingStore in-process, 8 batches of {batchSize} in flight: {floor:F0} readings/s"));

        await RegisterSensorsAsync(tables, sensors);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var run = new IngestRun(http, batchSize, sensors, minutes);
        // One reading of every sensor first: the host looks up sensors its registry does not hold yet one by one.
        for (var i = 0; i < (sensors + batchSize - 1) / batchSize; i++)
        {
            await run.SendBatchAsync(null);
        }

        var clock = Stopwatch.StartNew();
        var samples = new List<IngestSample> { IngestSample.Take(host.ProcessId, azurite.ProcessId, clock.Elapsed) };
        var sampler = SampleEveryMinuteAsync(run, samples, host.ProcessId, azurite.ProcessId, clock, minutes);
        var interval = TimeSpan.FromSeconds((double)batchSize / perSecond);
        var batches = (int)(minutes * Minute / interval);
        var running = new List<Task>(batches);
        var inFlight = 0;
        for (var i = 0; i < batches; i++)
        {
            var due = interval * i;
            if (due - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            var minute = run.Minutes[(int)(due / Minute)];
            Interlocked.Add(ref minute.Offered, batchSize);
            if (Interlocked.Increment(ref inFlight) > maxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                Interlocked.Add(ref minute.Shed, batchSize);
                continue;
            }

            running.Add(Task.Run(async () =>
            {
                try
                {
                    await run.SendBatchAsync(clock);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }));
        }

        await sampler;
        var drained = Task.WhenAll(running);
        await Task.WhenAny(drained, Task.Delay(DrainBound));
        samples.Add(IngestSample.Take(host.ProcessId, azurite.ProcessId, clock.Elapsed));

        Console.WriteLine("looking up the readings accepted among those stored…");
        var stored = await run.CheckStoredAsync(tables);
        var alerts = await CountAlertsAsync(tables);
        Print(run, samples, minutes, perSecond, floor, stored, (alerts, IngestRun.AlertingSensors(sensors)));
    }

    /// <summary>The run's sensors in the registry: copies of the sample water-level sensor, so they stand in the sample city's places.</summary>
    private static async Task RegisterSensorsAsync(TableServiceClient tables, int sensors)
    {
        var store = new SensorStore(tables);
        var sample = await store.FindAsync(SampleSensor, CancellationToken.None)
            ?? throw new InvalidOperationException($"The sample sensor {SampleSensor} is not in the registry: is the host in Development?");
        await store.WriteAsync([.. Enumerable.Range(0, sensors).Select(i => sample with { Id = IngestRun.SensorId(i), Name = $"负载测试 水位 {i}" })], CancellationToken.None);
        Console.WriteLine($"registered {sensors} sensors like {SampleSensor}");
    }

    private const string SampleSensor = "dev-wl-002";

    private static async Task<int> CountAlertsAsync(TableServiceClient tables)
    {
        var alerts = 0;
        // Only the run's sensors: the sample sensors the host planted never report, and fall silent during a run.
        var filter = TableClient.CreateQueryFilter($"SubjectId ge {IngestRun.SensorPrefix} and SubjectId lt {IngestRun.SensorPrefixEnd}");
        await foreach (var _ in tables.GetTableClient(TableNames.Alerts).QueryAsync<TableEntity>(filter, select: ["PartitionKey"]))
        {
            alerts++;
        }

        return alerts;
    }

    /// <summary>Readings per second the hub's store writes in-process into the same Azurite: what HTTP, signing and parsing cost is measured against it.</summary>
    private static async Task<double> StorageFloorAsync(TableServiceClient tables, int batchSize, int sensors)
    {
        var store = new ReadingStore(tables);
        var written = 0L;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (worker, _) =>
        {
            for (var b = 0; clock.Elapsed < BaselineSpan; b++)
            {
                var at = DateTimeOffset.UtcNow;
                var readings = Enumerable.Range(0, batchSize)
                    .Select(i => new SensorReading($"BASE-{(((b * batchSize) + i) * 8 + worker) % sensors:D5}", at, new Dictionary<string, double> { ["waterLevel"] = i / 100.0 }))
                    .ToList();
                await store.StoreAsync(readings, null, CancellationToken.None);
                Interlocked.Add(ref written, batchSize);
            }
        });
        return written / clock.Elapsed.TotalSeconds;
    }

    private static async Task SampleEveryMinuteAsync(IngestRun run, List<IngestSample> samples, int hostPid, int azuritePid, Stopwatch clock, int minutes)
    {
        Console.WriteLine(IngestRow.Header);
        Console.WriteLine(IngestRow.Rule);
        for (var m = 1; m <= minutes; m++)
        {
            if (m * Minute - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            samples.Add(IngestSample.Take(hostPid, azuritePid, clock.Elapsed));
            Console.WriteLine(IngestRow.Format(m, run.Minutes[m - 1], samples[m - 1], samples[m]));
        }
    }

    private static void Print(IngestRun run, List<IngestSample> samples, int minutes, int perSecond, double floor, (long Accepted, long Missing, long Extra) stored, (int Raised, int Expected) alerts)
    {
        Console.WriteLine();
        Console.WriteLine($"### Ingest: {minutes} min at {perSecond} readings/s offered");
        Console.WriteLine(IngestRow.Header);
        Console.WriteLine(IngestRow.Rule);
        for (var m = 0; m < minutes; m++)
        {
            Console.WriteLine(IngestRow.Format(m + 1, run.Minutes[m], samples[m], samples[m + 1]));
        }

        var accepted = run.Minutes.Sum(m => m.Accepted);
        var rejected = run.Minutes.Sum(m => m.Rejected);
        var failed = run.Minutes.Sum(m => m.Failed);
        var shed = run.Minutes.Sum(m => m.Shed);
        var rate = accepted / (minutes * 60.0);
        // After the first minute the host has warmed up (JIT, pools, caches): growth is measured from there.
        var growth = samples[minutes].HostRss / (double)samples[1].HostRss - 1;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- {accepted} readings accepted ({rate:F0}/s; {rate / floor:F2} of the storage floor's {floor:F0}/s), {rejected} rejected with a reason, {failed} in failed requests ({string.Join(", ", run.FailedBy.Select(f => $"{f.Value} {f.Key}"))}), {shed} shed."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- of {stored.Accepted} readings accepted with the warm-up's, {(stored.Missing == 0 ? "none is missing" : $"{stored.Missing} are MISSING")} from storage; it holds {stored.Extra} more, of requests that failed after storing."));
        Console.WriteLine($"- alerts {alerts.Raised} for {alerts.Expected} sensors above their thresholds.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- host RSS {samples[1].HostRss / 1048576.0:F0} MB after minute 1, {samples[minutes].HostRss / 1048576.0:F0} MB after minute {minutes} ({growth * 100:+0.0;-0.0;0.0} %)."));
    }


    /// <summary>The batches of one run and what became of them, by the minute they finished in.</summary>
    private sealed class IngestRun(HttpClient http, int batchSize, int sensors, int minutes)
    {
        private static readonly byte[] Secret = Convert.FromBase64String(GatewaySecret);
        private readonly ConcurrentBag<(long First, DateTimeOffset At)> _accepted = [];
        private long _sequence;

        public IngestMinute[] Minutes { get; } = [.. Enumerable.Range(0, minutes + 1).Select(_ => new IngestMinute())];

        public async Task SendBatchAsync(Stopwatch? clock)
        {
            var first = Interlocked.Add(ref _sequence, batchSize) - batchSize;
            var at = DateTimeOffset.UtcNow;
            var body = new StringBuilder("{\"readings\":[");
            for (var i = 0; i < batchSize; i++)
            {
                var sensor = SensorId((first + i) % sensors);
                // A sensor's next reading comes sensors/rate seconds later: the (sensor, time) of every reading is its own.
                body.Append(i > 0 ? "," : "").Append(CultureInfo.InvariantCulture, $"{{\"sensorId\":\"{sensor}\",\"observedAt\":\"{at:O}\",\"values\":{{\"waterLevel\":{Level((first + i) % sensors)}}}}}");
            }

            var bytes = Encoding.UTF8.GetBytes(body.Append("]}").ToString());
            var started = Stopwatch.GetTimestamp();
            var status = await PostAsync(bytes);
            var minute = clock is null ? null : Minutes[Math.Min((int)(clock.Elapsed / Minute), Minutes.Length - 1)];
            if (status == HttpStatusCode.Accepted)
            {
                _accepted.Add((first, at));
            }

            minute?.Add(status, batchSize, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (status is not (HttpStatusCode.Accepted or HttpStatusCode.BadRequest))
            {
                FailedBy.AddOrUpdate(status?.ToString() ?? "no answer", 1, (_, n) => n + 1);
            }
        }

        /// <summary>Failed requests by what they were answered.</summary>
        public ConcurrentDictionary<string, long> FailedBy { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// Every reading accepted (the warm-up's too) looked up among the run's sensors' readings as stored, their open
        /// blocks and their closed ones: how many were accepted, how many of them are missing, how many more are stored.
        /// </summary>
        public async Task<(long Accepted, long Missing, long Extra)> CheckStoredAsync(TableServiceClient tables)
        {
            var stored = new ConcurrentDictionary<(string Sensor, long Ticks), byte>();
            void Keep(string sensor, string? block)
            {
                foreach (var reading in ReadingBlocks.Parse(sensor, block))
                {
                    stored.TryAdd((sensor, reading.ObservedAt.UtcTicks), 0);
                }
            }

            var range = $"RowKey ge '{SensorPrefix}' and RowKey lt '{SensorPrefixEnd}'";
            var partitions = Enumerable.Range(0, ReadingStore.Shards).Select(shard => (TableNames.SensorStates, shard.ToString("D2", CultureInfo.InvariantCulture)))
                .Concat(_accepted.Select(a => a.At.UtcDateTime.Date).Distinct().SelectMany(day => new[] { day, day.AddDays(1) }).Distinct()
                    .Select(day => (TableNames.Readings, ReadingStore.HistoryPartition(new DateTimeOffset(day, TimeSpan.Zero)))));
            await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (partition, token) =>
            {
                var (table, key) = partition;
                await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>($"PartitionKey eq '{key}' and {range}", cancellationToken: token))
                {
                    Keep(table == TableNames.SensorStates ? row.RowKey : row.GetString("SensorId"), row.GetString(table == TableNames.SensorStates ? "Block" : "Readings"));
                }
            });

            var accepted = 0L;
            var missing = 0L;
            foreach (var (first, at) in _accepted)
            {
                for (var i = 0; i < batchSize; i++)
                {
                    accepted++;
                    missing += stored.ContainsKey((SensorId((first + i) % sensors), at.UtcTicks)) ? 0 : 1;
                }
            }

            return (accepted, missing, stored.Count - (accepted - missing));
        }

        public const string SensorPrefix = "LOAD-";
        public const string SensorPrefixEnd = "LOAD.";

        public static string SensorId(long index) => $"{SensorPrefix}{index:D6}";

        /// <summary>One sensor in a thousand stands above orange (0.5 m); the rest hold steady below blue (0.15 m), so neither level nor rate rules fire.</summary>
        private static double Level(long index) => index % AlertEvery == 0 ? 0.6 : 0.02 + (index % 10 / 100.0);

        public static int AlertingSensors(int sensors) => (sensors + AlertEvery - 1) / AlertEvery;

        private const int AlertEvery = 1000;

        private async Task<HttpStatusCode?> PostAsync(byte[] body)
        {
            const string path = "/api/v1/telemetry";
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var nonce = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(RequestSignature.ClientHeader, Gateway);
            request.Headers.Add(RequestSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(RequestSignature.NonceHeader, nonce);
            request.Headers.Add(RequestSignature.SignatureHeader, RequestSignature.Sign(Secret, "POST", path, timestamp, nonce, body));
            try
            {
                using var response = await http.SendAsync(request);
                return response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }
    }
}

/// <summary>The readings of one minute: offered and shed by arrival, the rest by when their batch finished.</summary>
internal sealed class IngestMinute
{
    private readonly Lock _gate = new();
    private readonly List<double> _latencies = [];

    public long Offered;
    public long Shed;
    public long Accepted;
    public long Rejected;
    public long Failed;

    public void Add(HttpStatusCode? status, int readings, double milliseconds)
    {
        switch (status)
        {
            case HttpStatusCode.Accepted:
                Interlocked.Add(ref Accepted, readings);
                break;
            case HttpStatusCode.BadRequest:
                Interlocked.Add(ref Rejected, readings);
                break;
            default:
                Interlocked.Add(ref Failed, readings);
                break;
        }

        lock (_gate)
        {
            _latencies.Add(milliseconds);
        }
    }

    public (double P50, double P95) Percentiles()
    {
        lock (_gate)
        {
            if (_latencies.Count == 0)
            {
                return (0, 0);
            }

            var sorted = _latencies.Order().ToArray();
            return (sorted[(int)Math.Ceiling(0.50 * sorted.Length) - 1], sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1]);
        }
    }
}

internal sealed record IngestSample(TimeSpan At, long HostRss, long HostCpuTicks, long AzuriteCpuTicks)
{
    public static IngestSample Take(int hostPid, int azuritePid, TimeSpan at) => new(at, ProcFs.RssBytes(hostPid), ProcFs.CpuTicks(hostPid), ProcFs.CpuTicks(azuritePid));
}

internal static class IngestRow
{
    public const string Header = "| minute | offered | accepted/s | rejected | failed | shed | batch p50 ms | batch p95 ms | host RSS MB | host CPU % | Azurite CPU % |";
    public const string Rule = "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    public static string Format(int minute, IngestMinute figures, IngestSample start, IngestSample end)
    {
        var seconds = (end.At - start.At).TotalSeconds;
        var (p50, p95) = figures.Percentiles();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {minute} | {figures.Offered} | {figures.Accepted / seconds:F0} | {figures.Rejected} | {figures.Failed} | {figures.Shed} | {p50:F0} | {p95:F0} | " +
            $"{end.HostRss / 1048576.0:F0} | {Cpu(end.HostCpuTicks - start.HostCpuTicks, seconds):F0} | {Cpu(end.AzuriteCpuTicks - start.AzuriteCpuTicks, seconds):F0} |");
    }

    private static double Cpu(long ticks, double seconds) => ticks / ProcFs.TicksPerSecond / seconds * 100;
}
