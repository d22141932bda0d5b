using System.Diagnostics;
using System.Globalization;
using Lyg.Hub.Importing;

namespace Lyg.Import;

/// <summary>
/// Shows import progress, one line per phase, each phase timed from its own first report (reading and validating run
/// interleaved, as records stream through). On a terminal one line updates in place
/// (<c>validate 45,000/106,000 42% 12,300/s</c>) and stays once its phase completes; when the output is redirected
/// (a log, CI) a line is written at every tenth of a phase whose total is known, and once when a phase completes.
/// </summary>
internal sealed class ProgressDisplay(TextWriter output, bool isTerminal) : IProgress<ImportProgress>
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, PhaseState> _phases = new(StringComparer.Ordinal);
    private long _lastDrawn;
    private int _drawnWidth;

    public static ProgressDisplay ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Report(ImportProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_phases.TryGetValue(value.Phase, out var phase))
        {
            phase = _phases[value.Phase] = new PhaseState(Stopwatch.GetTimestamp());
        }

        if (phase.Completed)
        {
            return;
        }

        phase.Last = value;
        if (value.Done == value.Total)
        {
            Complete(phase);
        }
        else if (isTerminal)
        {
            if (Stopwatch.GetElapsedTime(_lastDrawn) >= RedrawInterval)
            {
                Draw(Line(phase));
            }
        }
        else if (value.Total is > 0 and var total && (int)(value.Done * 10 / total) is var tenth && tenth > phase.LastTenth)
        {
            output.WriteLine(Line(phase));
            phase.LastTenth = tenth;
        }
    }

    /// <summary>Writes the last state of every phase that has not completed; call it before writing anything else.</summary>
    public void Finish()
    {
        foreach (var phase in _phases.Values.Where(p => !p.Completed && p.Last is not null))
        {
            Complete(phase);
        }

        // A later import step may use the same phase names again.
        _phases.Clear();
    }

    private void Complete(PhaseState phase)
    {
        phase.Completed = true;
        var line = Line(phase);
        if (isTerminal)
        {
            Draw(line);
            output.WriteLine();
            _drawnWidth = 0;
        }
        else
        {
            output.WriteLine(line);
        }
    }

    private void Draw(string line)
    {
        output.Write("\r" + line.PadRight(_drawnWidth));
        _drawnWidth = line.Length;
        _lastDrawn = Stopwatch.GetTimestamp();
    }

    private static string Line(PhaseState phase)
    {
        var value = phase.Last!;
        var seconds = Stopwatch.GetElapsedTime(phase.Started).TotalSeconds;
        var rate = seconds >= 0.01 ? string.Create(CultureInfo.InvariantCulture, $" {value.Done / seconds:N0}/s") : "";
        return value.Total is > 0 and var total
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Phase} {value.Done:N0}/{total:N0} {value.Done * 100 / total}%{rate}")
            : string.Create(CultureInfo.InvariantCulture, $"{value.Phase} {value.Done:N0}{rate}");
    }

    private sealed class PhaseState(long started)
    {
        public long Started { get; } = started;

        public ImportProgress? Last { get; set; }

        public int LastTenth { get; set; }

        public bool Completed { get; set; }
    }
}
