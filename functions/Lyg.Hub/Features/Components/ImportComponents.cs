using Lyg.Contracts;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Components;

/// <summary>
/// Imports a component file: checks every record against the place map in force (the active dataset, which the import
/// tool loads from storage), the code catalogue and the unit registry (read once), and writes the components only when
/// no record has a problem, so a file is taken whole or not at all. The file is read twice — once to validate, once to
/// write in slices — so memory holds the ids seen and one slice, not 10^6 components. Importing the same file again
/// leaves the same registry.
/// </summary>
public sealed class ImportComponents(ComponentStore components, UnitStore units, CodeCatalog catalog)
{
    /// <param name="read">Reads the file from its start, reporting to the progress given (null on the second pass).</param>
    /// <exception cref="InvalidDataException">The file changed between the two passes.</exception>
    public async Task<ComponentImportResult> RunAsync(
        Func<IProgress<ImportProgress>?, IEnumerable<SourceFeature>> read,
        PlaceMap places,
        ComponentImportOptions options,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(options);
        var validator = new ComponentValidator(places, catalog, await LoadUnitsAsync(cancellationToken), options);
        var problems = new List<ImportProblem>();
        var valid = validator.ValidComponents(read(progress), problems, progress).Count();
        if (problems.Count > 0 || options.DryRun)
        {
            return new ComponentImportResult(valid, problems, null);
        }

        var written = new ComponentWriteSummary(0, 0);
        var changed = new List<ImportProblem>();
        foreach (var slice in validator.ValidComponents(read(null), changed).Chunk(options.SliceSize))
        {
            var summary = await components.WriteAsync(slice, progress.Slice(written.Written, valid), cancellationToken);
            written = new ComponentWriteSummary(written.Written + summary.Written, written.Moved + summary.Moved);
        }

        return changed.Count == 0 && written.Written == valid
            ? new ComponentImportResult(valid, [], written)
            : throw new InvalidDataException(
                $"The file changed while it was imported ({valid} valid components when checked, {written.Written} written, then: {changed.FirstOrDefault()}); import it again.");
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
