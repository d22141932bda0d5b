using System.Diagnostics;
using System.Net.Sockets;
using Lyg.Hub.Storage;

namespace Lyg.Standalone.Local;

/// <summary>
/// When storage is <c>UseDevelopmentStorage=true</c> and nothing answers on Azurite's ports, installs Azurite from
/// infra/local (first run only) and starts it on loopback with its data on disk; stops it again when the host ends.
/// </summary>
public sealed partial class AzuriteLauncher : IAsyncDisposable
{
    public const int BlobPort = 10000;
    public const int QueuePort = 10001;
    public const int TablePort = 10002;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process? _process;

    private AzuriteLauncher(Process? process) => _process = process;

    public static async Task<AzuriteLauncher> EnsureRunningAsync(StorageAccount storage, string? configuredDirectory, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(logger);
        if (!storage.IsDevelopmentStorage)
        {
            return new AzuriteLauncher(null);
        }

        if (await AllPortsAnswerAsync())
        {
            LogAlreadyRunning(logger);
            return new AzuriteLauncher(null);
        }

        var directory = configuredDirectory ?? FindInfraLocal()
            ?? throw new InvalidOperationException("Azurite is not running and infra/local was not found; set Azurite:Directory or start Azurite yourself.");
        await InstallIfMissingAsync(directory, logger);

        var dataDirectory = Path.Combine(directory, ".azurite");
        Directory.CreateDirectory(dataDirectory);
        var process = Process.Start(new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            ArgumentList =
            {
                Path.Combine("node_modules", "azurite", "dist", "src", "azurite.js"),
                "--silent", "--skipApiVersionCheck", "--loose",
                "--location", dataDirectory,
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        }) ?? throw new InvalidOperationException("node could not be started; install Node.js 20 or later.");

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AllPortsAnswerAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start (exit code {(process.HasExited ? process.ExitCode : -1)}).");
            }

            await Task.Delay(200);
        }

        LogStarted(logger, process.Id, dataDirectory);
        return new AzuriteLauncher(process);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    /// <summary>The repository's infra/local, found by walking up from the working and the base directory.</summary>
    private static string? FindInfraLocal()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "infra", "local", "package.json");
                if (File.Exists(candidate))
                {
                    return Path.GetDirectoryName(candidate);
                }
            }
        }

        return null;
    }

    private static async Task InstallIfMissingAsync(string directory, ILogger logger)
    {
        if (File.Exists(Path.Combine(directory, "node_modules", "azurite", "dist", "src", "azurite.js")))
        {
            return;
        }

        LogInstalling(logger, directory);
        using var npm = Process.Start(new ProcessStartInfo("npm")
        {
            WorkingDirectory = directory,
            ArgumentList = { "ci", "--no-audit", "--no-fund" },
        }) ?? throw new InvalidOperationException("npm could not be started; install Node.js 20 or later.");
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {directory} failed with exit code {npm.ExitCode}.");
        }
    }

    private static async Task<bool> AllPortsAnswerAsync()
    {
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            }
            catch (Exception ex) when (ex is SocketException or TimeoutException)
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite already answers on 127.0.0.1:10000-10002; using it")]
    private static partial void LogAlreadyRunning(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installing Azurite in {Directory} (first run only)")]
    private static partial void LogInstalling(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite (pid {Pid}) on 127.0.0.1:10000-10002; data in {DataDirectory}")]
    private static partial void LogStarted(ILogger logger, int pid, string dataDirectory);
}
