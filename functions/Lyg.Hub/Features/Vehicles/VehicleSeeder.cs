using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// Plants the sample vehicles (vehicles.seed.json: muck trucks with a permitted route and night hours, sanitation and
/// enforcement vehicles, around the seat of 海州区 in the synthetic sample city) at startup when
/// <c>Vehicles:SeedSample</c> is true. Vehicles already registered are never touched.
/// </summary>
public sealed class VehicleSeeder(VehicleStore vehicles, ILogger<VehicleSeeder> logger) : SampleSeeder<Vehicle>(logger)
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

    protected override string Registry => "Vehicle registry";

    protected override IReadOnlyList<Vehicle> LoadSample() => Sample();

    protected override Task EnsureTableAsync(CancellationToken cancellationToken) => vehicles.EnsureTableAsync(cancellationToken);

    protected override Task<int> AddMissingAsync(IReadOnlyList<Vehicle> sample, CancellationToken cancellationToken) => vehicles.SeedAsync(sample, cancellationToken);
}
