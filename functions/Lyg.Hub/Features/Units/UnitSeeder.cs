using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Units;

/// <summary>
/// Plants the sample registry at startup when <c>Units:SeedSample</c> is true (Development and local settings): creates
/// the Units table (this may run before the storage initializer) and adds the seed units that are missing. Existing
/// units are never touched, so administrators' changes survive restarts.
/// </summary>
public sealed partial class UnitSeeder(UnitStore units, ILogger<UnitSeeder> logger) : IHostedService
{
    public const string SeedSampleSetting = "Units:SeedSample";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await units.EnsureTableAsync(cancellationToken);
        var seed = UnitSeed.Load();
        var added = await units.SeedAsync(seed.Units, cancellationToken);
        LogSeeded(logger, added, seed.Units.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Unit registry: {Added} of {Total} sample units were missing and have been added")]
    private static partial void LogSeeded(ILogger logger, int added, int total);
}
