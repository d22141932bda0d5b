using System.Diagnostics;
using System.Globalization;
using Lyg.Hub.Importing;

namespace Lyg.Import;

/// <summary>
/// Shows import progress, one line per phase: on a terminal the line updates in place
/// (<c>validate 45,000/106,000 42% 12,300/s</c>); when the output is redirected (a log, CI) a line is written at every
/// tenth of the phase, or once at its end when its total is not known while it runs.
/// </summary>
internal sealed class ProgressDisplay(TextWriter output, bool isTerminal) : IProgress<ImportProgress>
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private ImportProgress? _last;
    private long _phaseStarted;
    private long _lastDrawn;
    private int _lastTenth;
    private int _drawnWidth;

    public static ProgressDisplay ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Report(ImportProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_last is not null && _last.Phase != value.Phase)
        {
            Finish();
        }

        if (_last is null)
        {
            _phaseStarted = Stopwatch.GetTimestamp();
            _lastTenth = 0;
        }

        _last = value;
        var complete = value.Done == value.Total;
        if (isTerminal)
        {
            if (complete || Stopwatch.GetElapsedTime(_lastDrawn) >= RedrawInterval)
            {
                Draw(value);
            }
        }
        else if (value.Total is > 0 and var total && (int)(value.Done * 10 / total) is var tenth && tenth > _lastTenth)
        {
            output.WriteLine(Line(value));
            _lastTenth = tenth;
        }
    }

    /// <summary>Ends the current phase's line; call it before writing anything else.</summary>
    public void Finish()
    {
        if (_last is null)
        {
            return;
        }

        if (isTerminal)
        {
            Draw(_last);
            output.WriteLine();
        }
        else if (_lastTenth < 10)
        {
            output.WriteLine(Line(_last));
        }

        _last = null;
        _drawnWidth = 0;
    }

    private void Draw(ImportProgress value)
    {
        var line = Line(value);
        output.Write("\r" + line.PadRight(_drawnWidth));
        _drawnWidth = line.Length;
        _lastDrawn = Stopwatch.GetTimestamp();
    }

    private string Line(ImportProgress value)
    {
        var seconds = Stopwatch.GetElapsedTime(_phaseStarted).TotalSeconds;
        var rate = seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" {value.Done / seconds:N0}/s") : "";
        return value.Total is > 0 and var total
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Phase} {value.Done:N0}/{total:N0} {value.Done * 100 / total}%{rate}")
            : string.Create(CultureInfo.InvariantCulture, $"{value.Phase} {value.Done:N0}{rate}");
    }
}
