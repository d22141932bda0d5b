using Lyg.Contracts;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// Imports a sensor file: checks every record against the kinds in force, the place map in force and the unit
/// registry (read once), and writes the sensors only when no record has a problem, so a file is taken whole or not at
/// all. Sensors are written by id, so importing the same file again leaves the same registry; sensors not in the file
/// are left as they are. Hosts take a new sensor's readings at once and list it within Sensors:RefreshInterval.
/// </summary>
public sealed class ImportSensors(SensorStore sensors, UnitStore units, SensorKindCatalog kinds)
{
    public async Task<SensorImportResult> RunAsync(
        IEnumerable<SourceFeature> features, PlaceMap places, CoordinateSystem crs, bool dryRun, CancellationToken cancellationToken)
    {
        var (valid, problems) = await ValidateAsync(features, places, crs, cancellationToken);
        if (problems.Count > 0 || dryRun)
        {
            return new SensorImportResult(valid.Count, problems, null);
        }

        await sensors.EnsureTableAsync(cancellationToken);
        await sensors.WriteAsync(valid, cancellationToken);
        return new SensorImportResult(valid.Count, [], valid.Count);
    }

    /// <summary>The sensors of the records without problems, and every problem; nothing is written.</summary>
    public async Task<(IReadOnlyList<Sensor> Valid, IReadOnlyList<ImportProblem> Problems)> ValidateAsync(
        IEnumerable<SourceFeature> features, PlaceMap places, CoordinateSystem crs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        var validator = new SensorValidator(places, kinds, await LoadUnitCodesAsync(cancellationToken), crs);
        var problems = new List<ImportProblem>();
        var valid = validator.ValidSensors(features, problems);
        return (valid, problems);
    }

    private async Task<HashSet<string>> LoadUnitCodesAsync(CancellationToken cancellationToken)
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

/// <summary>How many records passed, every problem found, and how many sensors were written (null when none were: problems, or a dry run).</summary>
public sealed record SensorImportResult(int Valid, IReadOnlyList<ImportProblem> Problems, int? Written);
