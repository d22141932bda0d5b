using System.Globalization;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;

namespace Lyg.Import;

/// <summary>
/// <c>components &lt;file&gt;</c>: reads a component file (部件普查) with the 2013 field names, checks every record
/// against the place map in force, the code catalogue and the unit registry in storage, and unless <c>--dry-run</c>
/// writes the components (a file is taken whole or not at all; importing it again leaves the same registry). Hosts
/// read the registry directly, so imported components are served at once.
/// </summary>
internal sealed class ComponentsCommand : ICommand
{
    public string Name => "components";

    public string Usage =>
        "<file> " + OptionValues.CrsUsage + " [--x-column X --y-column Y] [--edge-tolerance METRES] [--sample-places] [--dry-run] " + StorageOption.Usage;

    public string Summary =>
        $"Validate components (ObjID, ObjName, DeptCode1–3, BGID, ObjState, ORDate, CHDate, DataSource, Note) from {FeatureFiles.KnownPointKinds} "
        + "against the places, codes and units in storage, and write them.";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["--crs", "--x-column", "--y-column", "--edge-tolerance", StorageOption.Name];

    public IReadOnlyCollection<string> Flags { get; } = ["--dry-run", "--sample-places"];

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException("name the one component file to import.");
        }

        var options = new ComponentImportOptions(
            OptionValues.Crs(arguments),
            OptionValues.Number(arguments, "--edge-tolerance", "1.5") is { } tolerance
                ? tolerance is >= 0 and <= ComponentImportOptions.MaxEdgeToleranceMetres
                    ? tolerance
                    : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--edge-tolerance must be 0 to {ComponentImportOptions.MaxEdgeToleranceMetres} metres."))
                : ComponentImportOptions.DefaultEdgeToleranceMetres,
            arguments.Has("--dry-run"));
        var (path, columns) = (arguments.Positionals[0], PointColumns(arguments));
        var storage = StorageOption.From(arguments);
        var places = await PlacesInForceAsync(storage, arguments.Has("--sample-places"), output, cancellationToken);
        var store = new ComponentStore(storage.Tables);
        if (!options.DryRun)
        {
            // Before validating a large file, make sure the result can be written.
            await storage.UseAsync(async () =>
            {
                await store.EnsureTablesAsync(cancellationToken);
                return true;
            });
        }

        var progress = ProgressDisplay.ForConsole();
        var import = new ImportComponents(store, new UnitStore(storage.Tables), CodeCatalog.Default);
        var result = await storage.UseAsync(() => import.RunAsync(
            passProgress => FeatureFiles.Read(path, passProgress, columns), places, options, progress, cancellationToken));
        progress.Finish();
        if (result.Problems.Count > 0)
        {
            return await ProblemReport.WriteAsync(output, result.Problems);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"valid: {result.Valid:N0} components."));
        if (result.Written is not { } written)
        {
            await output.WriteLineAsync("--dry-run: nothing was written.");
            return ExitCodes.Success;
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"imported {written.Written:N0} components ({written.Moved:N0} moved to another grid); every host serves them at once."));
        return ExitCodes.Success;
    }

    internal static CsvPointColumns? PointColumns(CommandArguments arguments) =>
        (arguments.Value("--x-column"), arguments.Value("--y-column")) switch
        {
            (null, null) => null,
            ({ } x, { } y) => new CsvPointColumns(x, y),
            _ => throw new UsageException("--x-column and --y-column go together."),
        };

    /// <summary>The imported place map, or with <c>--sample-places</c> the synthetic sample hosts serve when none was imported.</summary>
    internal static async Task<PlaceMap> PlacesInForceAsync(StorageOption storage, bool sampleAllowed, TextWriter output, CancellationToken cancellationToken)
    {
        var store = new PlaceStore(storage.Container(PlaceStore.ContainerName), TimeProvider.System);
        var pointer = await storage.UseAsync(() => store.ReadPointerAsync(cancellationToken));
        if (pointer is not null)
        {
            await output.WriteLineAsync($"places: '{pointer.Label}' imported at {pointer.ImportedAt:u}.");
            return await storage.UseAsync(() => store.LoadAsync(pointer, cancellationToken));
        }

        if (!sampleAllowed)
        {
            throw new UsageException(
                "no places have been imported, so nothing can be placed. Import places first (places), or pass --sample-places to check against "
                + "the synthetic sample city that hosts with Places:UseSample serve.");
        }

        await output.WriteLineAsync($"places: none imported; using the {SampleCity.Label}.");
        return SampleCity.Generate().ToMap();
    }
}
