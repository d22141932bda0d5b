using Lyg.Hub.Features.Units;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// Imports a vehicle registry file (<see cref="VehicleRegistryFile"/>): every vehicle checked against the unit
/// registry and the code catalogue, and written only when the file has no problem, so it is taken whole or not at
/// all. Vehicles are added or replaced, never removed; importing the same file again leaves the same registry. Hosts
/// take it up within <see cref="VehiclesOptions.RegistryRefresh"/>.
/// </summary>
public sealed class ImportVehicles(VehicleStore vehicles, UnitStore units)
{
    public async Task<VehicleImportResult> RunAsync(ReadOnlyMemory<byte> file, bool dryRun, CancellationToken cancellationToken)
    {
        var known = await UnitCodesAsync(cancellationToken);
        var (read, problems) = VehicleRegistryFile.Read(file, known.Contains);
        var oversized = read
            .Select((v, i) => (v, i))
            .Where(x => System.Text.Encoding.UTF8.GetByteCount(VehicleStore.RulesOf(x.v)) > VehicleStore.MaxRulesBytes)
            .ToDictionary(x => $"vehicles[{x.i}]", x => $"Its fences and schedules take more than {VehicleStore.MaxRulesBytes / 1024} KiB; simplify its fences.");
        if (problems.Count > 0 || oversized.Count > 0)
        {
            return new VehicleImportResult(0, problems.Count > 0 ? problems : oversized, Written: false);
        }

        if (dryRun)
        {
            return new VehicleImportResult(read.Count, problems, Written: false);
        }

        await vehicles.EnsureTableAsync(cancellationToken);
        await vehicles.WriteAsync(read, cancellationToken);
        return new VehicleImportResult(read.Count, problems, Written: true);
    }

    private async Task<HashSet<string>> UnitCodesAsync(CancellationToken cancellationToken)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            var page = await units.ListAsync(null, null, UnitStore.MaxPageSize, after, cancellationToken);
            codes.UnionWith(page.Items.Select(u => u.Code));
            after = page.ContinuationToken;
        }
        while (after is not null);

        return codes;
    }
}

/// <summary>How many vehicles the file holds, its problems by path, and whether they were written.</summary>
public sealed record VehicleImportResult(int Valid, IReadOnlyDictionary<string, string> Problems, bool Written);
