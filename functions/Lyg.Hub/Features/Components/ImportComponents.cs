using Lyg.Contracts;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Components;

/// <summary>
/// Imports a component file read into source features: checks every record against the place map in force (the
/// active dataset, which the import tool loads from storage), the code catalogue and the unit registry (read once),
/// and writes the components only when no record has a problem, so a file is taken whole or not at all. Importing the
/// same file again leaves the same registry.
/// </summary>
public sealed class ImportComponents(ComponentStore components, UnitStore units, CodeCatalog catalog)
{
    public async Task<ComponentImportResult> RunAsync(
        IEnumerable<SourceFeature> features, PlaceMap places, ComponentImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        var registry = await LoadUnitsAsync(cancellationToken);
        var validation = new ComponentValidator(places, catalog, registry, options).Validate(features, progress);
        if (validation.Problems.Count > 0 || options.DryRun)
        {
            return new ComponentImportResult(validation.Components.Count, validation.Problems, null);
        }

        var written = await components.WriteAsync([.. validation.Components], progress, cancellationToken);
        return new ComponentImportResult(validation.Components.Count, [], written);
    }

    private async Task<Dictionary<string, UnitView>> LoadUnitsAsync(CancellationToken cancellationToken)
    {
        var registry = new Dictionary<string, UnitView>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            var page = await units.ListAsync(null, null, UnitStore.MaxPageSize, after, cancellationToken);
            foreach (var unit in page.Items)
            {
                registry[unit.Code] = unit;
            }

            after = page.ContinuationToken;
        }
        while (after is not null);

        return registry;
    }
}

/// <summary>
/// The outcome of an import: how many records passed, every problem found, and what was written (null when nothing
/// was: the file had problems, or the run was a dry run).
/// </summary>
public sealed record ComponentImportResult(int Valid, IReadOnlyList<ImportProblem> Problems, ComponentWriteSummary? Written);
