namespace Lyg.Testing;

/// <summary>
/// A private Azurite on free loopback ports with its data in a temporary folder, installed from infra/local on
/// first use. Tests never touch the developer's Azurite on the default ports.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;
    private readonly string _dataDirectory;

    private AzuriteInstance(ChildProcess process, string dataDirectory, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        ConnectionString = ConnectionStringFor(blobPort, queuePort, tablePort);
    }

    public string ConnectionString { get; }

    /// <summary>The Node process serving all three services, for sampling its CPU and memory in /proc.</summary>
    public int ProcessId => _process.Id;

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>A connection string to this account whose services answer on the given ports, e.g. a proxy's.</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>
    /// Free ports are chosen before Azurite binds them, so a process starting at the same moment can take one first;
    /// Azurite then exits, and a start on fresh ports is the cure.
    /// </summary>
    private const int MaxStartAttempts = 3;

    /// <param name="inMemory">
    /// Keep everything in memory: Azurite then writes no queue message to disk, where it appends every one through a
    /// single writer with an fdatasync each (a bottleneck of the emulator that Azure Storage does not have).
    /// </param>
    public static async Task<AzuriteInstance> StartAsync(bool inMemory = false)
    {
        await NpmInstall.EnsureAzuriteAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(inMemory);
            }
            catch (InvalidOperationException) when (attempt < MaxStartAttempts)
            {
                // Lost a port race; try other ports.
            }
        }
    }

    private static async Task<AzuriteInstance> StartOnFreePortsAsync(bool inMemory)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("lyg-azurite-").FullName;
        int[] ports = [FreePort.Next(), FreePort.Next(), FreePort.Next()];
        string[] storage = inMemory ? ["--inMemoryPersistence"] : ["--location", dataDirectory];
        var process = ChildProcess.Start(
            "node",
            [
                Path.Combine(RepositoryPaths.InfraLocal, "node_modules", "azurite", "dist", "src", "azurite.js"),
                "--silent", "--skipApiVersionCheck", "--loose",
                .. storage,
                "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ],
            RepositoryPaths.InfraLocal);

        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in ports)
        {
            while (!await FreePort.AnswersAsync(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    Fail(process, dataDirectory);
                }

                await Task.Delay(100);
            }
        }

        // The ports answer; make sure it is our Azurite answering and not a process that took a port first.
        await Task.Delay(200);
        if (process.HasExited)
        {
            Fail(process, dataDirectory);
        }

        return new AzuriteInstance(process, dataDirectory, ports[0], ports[1], ports[2]);
    }

    private static void Fail(ChildProcess process, string dataDirectory)
    {
        var output = process.RecentOutput;
        process.Dispose();
        Directory.Delete(dataDirectory, recursive: true);
        throw new InvalidOperationException("Azurite did not start:" + Environment.NewLine + output);
    }

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
