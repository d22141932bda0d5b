using Lyg.Hub.Features.Units;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// Plants the sample vehicles (vehicles.seed.json: muck trucks with a permitted route and night hours, sanitation and
/// enforcement vehicles, around the seat of 海州区 in the synthetic sample city) at startup when
/// <c>Vehicles:SeedSample</c> is true. Vehicles already registered are never touched.
/// </summary>
public sealed partial class VehicleSeeder(VehicleStore vehicles, ILogger<VehicleSeeder> logger) : IHostedService
{
    private const string ResourceName = "Lyg.Hub.Features.Vehicles.vehicles.seed.json";

    /// <summary>The sample, read by the same reader as an import; its units are those of the sample unit registry.</summary>
    public static IReadOnlyList<Vehicle> Sample()
    {
        var units = UnitSeed.Load().Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        using var resource = typeof(VehicleSeeder).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        var (sample, problems) = VehicleRegistryFile.Read(bytes.ToArray(), units.Contains);
        return problems.Count == 0
            ? sample
            : throw new InvalidOperationException($"{ResourceName}: {string.Join("; ", problems.Select(p => $"{p.Key}: {p.Value}"))}");
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await vehicles.EnsureTableAsync(cancellationToken);
        var sample = Sample();
        var added = await vehicles.SeedAsync(sample, cancellationToken);
        LogSeeded(logger, added, sample.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Vehicle registry: {Added} of {Total} sample vehicles were missing and have been added")]
    private static partial void LogSeeded(ILogger logger, int added, int total);
}
