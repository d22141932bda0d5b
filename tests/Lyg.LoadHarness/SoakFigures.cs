using System.Globalization;

namespace Lyg.LoadHarness;

/// <summary>What finished in one minute of a soak, and what arrived in it (offered and shed).</summary>
internal sealed class SoakMinute
{
    private readonly Lock _gate = new();
    private readonly List<double> _reports = [];
    private readonly List<double> _reads = [];
    private readonly SortedDictionary<string, int> _errors = new(StringComparer.Ordinal);

    /// <summary>Reports whose arrival fell in this minute.</summary>
    public int Offered;

    /// <summary>Arrivals of this minute that found every in-flight slot taken and were not sent.</summary>
    public int Shed;

    public int Completed
    {
        get
        {
            lock (_gate)
            {
                return _reports.Count;
            }
        }
    }

    public int ErrorCount
    {
        get
        {
            lock (_gate)
            {
                return _errors.Values.Sum();
            }
        }
    }

    public void AddReport(double milliseconds)
    {
        lock (_gate)
        {
            _reports.Add(milliseconds);
        }
    }

    public void AddRead(double milliseconds)
    {
        lock (_gate)
        {
            _reads.Add(milliseconds);
        }
    }

    public void AddError(string kind)
    {
        lock (_gate)
        {
            _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
        }
    }

    public (double P50, double P95) ReportPercentiles()
    {
        lock (_gate)
        {
            return Percentiles(_reports);
        }
    }

    public (double P50, double P95) ReadPercentiles()
    {
        lock (_gate)
        {
            return Percentiles(_reads);
        }
    }

    public string Errors()
    {
        lock (_gate)
        {
            return _errors.Count == 0 ? "0" : string.Join(", ", _errors.Select(e => $"{e.Key}: {e.Value}"));
        }
    }

    private static (double P50, double P95) Percentiles(List<double> values)
    {
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var sorted = values.Order().ToArray();
        return (sorted[(int)Math.Ceiling(0.50 * sorted.Length) - 1], sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1]);
    }
}

/// <summary>The host's and Azurite's process counters, the machine's, and the task hub's queue depth at one instant.</summary>
internal sealed record ProcessSample(
    TimeSpan At, long HostRss, long HostTicks, long AzuriteTicks, long MachineBusy, long MachineTotal, long OpenCases, long QueuedMessages = 0)
{
    public static ProcessSample Take(int hostPid, int azuritePid, TimeSpan at, long openCases)
    {
        var (busy, total) = ProcFs.MachineTicks();
        return new(at, ProcFs.RssBytes(hostPid), ProcFs.CpuTicks(hostPid), ProcFs.CpuTicks(azuritePid), busy, total, openCases);
    }
}

/// <summary>One line of the soak's table: a minute's figures between the samples that open and close it.</summary>
internal static class SoakRow
{
    public const string Header =
        "| min | reports/s | shed | report p50 ms | report p95 ms | read p50 ms | read p95 ms | errors | host RSS MB | host CPU | Azurite CPU | host CPU ms/report | Azurite CPU ms/report | machine busy | open cases | queued msgs |";

    public const string Rule =
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    /// <summary>CPU shares are of one core (100 % = one core busy for the whole minute); the machine's is of all its cores.</summary>
    public static string Format(string label, SoakMinute minute, ProcessSample from, ProcessSample to)
    {
        var seconds = (to.At - from.At).TotalSeconds;
        var (reportP50, reportP95) = minute.ReportPercentiles();
        var (readP50, readP95) = minute.ReadPercentiles();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {minute.Completed / seconds:F2} | {minute.Shed} | {Milliseconds(reportP50)} | {Milliseconds(reportP95)} | {Milliseconds(readP50)} | {Milliseconds(readP95)} | {minute.Errors()} | " +
            $"{to.HostRss / 1048576.0:F0} | {CpuShare(to.HostTicks - from.HostTicks, seconds)} | {CpuShare(to.AzuriteTicks - from.AzuriteTicks, seconds)} | " +
            $"{PerReport(to.HostTicks - from.HostTicks, minute.Completed)} | {PerReport(to.AzuriteTicks - from.AzuriteTicks, minute.Completed)} | " +
            $"{(to.MachineBusy - from.MachineBusy) * 100.0 / (to.MachineTotal - from.MachineTotal):F0} % | {to.OpenCases} | {to.QueuedMessages} |");
    }

    /// <summary>A latency, or a dash for a minute in which nothing of its kind succeeded.</summary>
    public static string Milliseconds(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>CPU time per accepted report (its reads and the workflows' work included): robust to a busy machine, unlike latency.</summary>
    private static string PerReport(long ticks, int reports) =>
        reports == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{ticks / ProcFs.TicksPerSecond * 1000 / reports:F0}");

    private static string CpuShare(long ticks, double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{ticks / ProcFs.TicksPerSecond / seconds * 100:F0} %");
}
