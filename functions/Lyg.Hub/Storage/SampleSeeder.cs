using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Storage;

/// <summary>
/// Plants a registry's labelled sample at startup, where its <c>SeedSample</c> setting is true (Development and local
/// settings): creates its table (this may run before the storage initializer) and adds the sample entries that are
/// missing. Entries already there are never touched, so administrators' imports and changes survive restarts.
/// </summary>
public abstract partial class SampleSeeder<T>(ILogger logger) : IHostedService
{
    protected ILogger Logger { get; } = logger;

    /// <summary>The registry's name in the log ("Camera registry").</summary>
    protected abstract string Registry { get; }

    protected abstract IReadOnlyList<T> LoadSample();

    protected abstract Task EnsureTableAsync(CancellationToken cancellationToken);

    /// <summary>Adds the entries the registry lacks and never touches those present; the number added.</summary>
    protected abstract Task<int> AddMissingAsync(IReadOnlyList<T> sample, CancellationToken cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var sample = LoadSample();
        var added = await AddMissingAsync(sample, cancellationToken);
        LogSeeded(Logger, Registry, added, sample.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Registry}: {Added} of {Total} sample entries were missing and have been added")]
    private static partial void LogSeeded(ILogger logger, string registry, int added, int total);
}
