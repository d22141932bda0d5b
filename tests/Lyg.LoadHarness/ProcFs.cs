using System.Globalization;

namespace Lyg.LoadHarness;

/// <summary>CPU time and resident memory of a process, and the machine's busy time, read from /proc (Linux only).</summary>
internal static class ProcFs
{
    /// <summary>Clock ticks per second of /proc's CPU times: USER_HZ, fixed at 100 in Linux's user-space ABI.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>utime + stime of the process, in ticks.</summary>
    public static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Field 2, the command, is in parentheses and may hold spaces: count the fields after it (state is field 3).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>VmRSS of the process, in bytes.</summary>
    public static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line.");
    }

    /// <summary>Busy and total ticks of all cores since boot, from the first line of /proc/stat.</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        // user nice system idle iowait irq softirq steal (guest time is already counted in user).
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9]
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return (total - ticks[3] - ticks[4], total);
    }
}
