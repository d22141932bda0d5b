using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lyg.LoadHarness;

/// <summary>
/// The host's output during a soak, line by line as it arrives: warnings and errors counted by category and message
/// with digits masked (case ids differ), to tell why requests were answered 503 and what the background loops met;
/// and the sweeper's passes as they are, with what each cost.
/// </summary>
internal sealed partial class SoakHostLog
{
    private const int MaxKeyLength = 160;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _sweeps = [];
    private string? _level;

    /// <summary>The soak's clock once it runs: a sweep is printed with the minute it finished in.</summary>
    public Stopwatch? Clock { get; set; }

    /// <summary>The console logger writes a level line (<c>warn: Category[id]</c>), then the message on the next.</summary>
    public void Add(string line)
    {
        lock (_gate)
        {
            var message = line.Trim();
            if (_level is { } level)
            {
                var key = Digit().Replace($"{level} {message}", "#");
                key = key[..Math.Min(key.Length, MaxKeyLength)];
                _counts[key] = _counts.GetValueOrDefault(key) + 1;
                _level = null;
            }
            else if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal))
            {
                _level = line;
            }
            else if (message.StartsWith("Sweep:", StringComparison.Ordinal))
            {
                var at = Clock is { } clock ? string.Create(CultureInfo.InvariantCulture, $"minute {clock.Elapsed.TotalMinutes:F1}") : "warm-up";
                _sweeps.Add($"{at}: {message}");
            }
        }
    }

    public void Print()
    {
        lock (_gate)
        {
            Console.WriteLine();
            Console.WriteLine(_counts.Count == 0 ? "- host: no warnings." : "- host warnings and errors:");
            foreach (var (message, count) in _counts)
            {
                Console.WriteLine($"  {count} × {message}");
            }

            Console.WriteLine(_sweeps.Count == 0 ? "- no sweep of open cases finished." : "- sweeps of open cases:");
            foreach (var sweep in _sweeps)
            {
                Console.WriteLine($"  {sweep}");
            }
        }
    }

    [GeneratedRegex("[0-9]")]
    private static partial Regex Digit();
}
