using Lyg.Contracts;
using Lyg.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Units;

/// <summary>
/// Plants the sample registry at startup when <c>Units:SeedSample</c> is true (Development and local settings): creates
/// the Units table (this may run before the storage initializer) and adds the seed units that are missing. Existing
/// units are never touched, so administrators' changes survive restarts.
/// </summary>
public sealed class UnitSeeder(UnitStore units, ILogger<UnitSeeder> logger) : SampleSeeder<UnitView>(logger)
{
    public const string SeedSampleSetting = "Units:SeedSample";

    protected override string Registry => "Unit registry";

    protected override IReadOnlyList<UnitView> LoadSample() => UnitSeed.Load().Units;

    protected override Task EnsureTableAsync(CancellationToken cancellationToken) => units.EnsureTableAsync(cancellationToken);

    protected override Task<int> AddMissingAsync(IReadOnlyList<UnitView> sample, CancellationToken cancellationToken) => units.SeedAsync(sample, cancellationToken);
}
