using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lyg.Testing;

/// <summary>A child process whose output is kept for failure messages and which dies with the test run.</summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly ConcurrentQueue<(long Number, string Text)> _output = new();
    private long _lines;

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>Every line of output as it arrives (from the threads reading stdout and stderr), kept or not.</summary>
    public event Action<string>? LineWritten;

    public bool HasExited => _process.HasExited;

    public string RecentOutput => string.Join(Environment.NewLine, _output.Select(l => l.Text));

    /// <summary>The number of the next line of output, to read what came after it with <see cref="OutputSince"/>.</summary>
    public long OutputMark => Interlocked.Read(ref _lines);

    /// <summary>The kept lines written since <paramref name="mark"/>.</summary>
    public IReadOnlyList<string> OutputSince(long mark) => [.. _output.Where(l => l.Number >= mark).Select(l => l.Text)];

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start."));
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crashed or evicted host.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        LineWritten?.Invoke(line);
        _output.Enqueue((Interlocked.Increment(ref _lines) - 1, line));
        while (_output.Count > KeptLines)
        {
            _output.TryDequeue(out _);
        }
    }
}
