using Lyg.Hub.Features.Places;
using Lyg.Hub.Importing;

namespace Lyg.Import;

/// <summary>
/// <c>places &lt;file&gt;...</c>: reads one dataset from one or more files (e.g. districts.shp streets.shp
/// communities.shp grids.shp), validates it whole, and unless <c>--dry-run</c> writes it to storage and makes it the
/// active place map, which every host picks up within its refresh interval.
/// </summary>
internal sealed class PlacesCommand : ICommand
{
    public string Name => "places";

    public string Usage =>
        "<file>... [--code-field F] [--name-field F] " + OptionValues.CrsUsage + " [--city 320700] [--tolerance 0.005] [--label TEXT] [--dry-run] "
        + StorageOption.Usage;

    public string Summary =>
        $"Validate places (6-digit districts/counties, 9 streets/towns, 12 communities, 15 or legacy 14 unit grids) from {FeatureFiles.KnownKinds} "
        + "and make them the active place map; several files form one dataset.";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["--code-field", "--name-field", "--crs", "--city", "--tolerance", "--label", StorageOption.Name];

    public IReadOnlyCollection<string> Flags { get; } = ["--dry-run"];

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count == 0)
        {
            throw new UsageException("name at least one file to import.");
        }

        var options = Options(arguments);
        var dryRun = arguments.Has("--dry-run");
        var storage = dryRun ? null : StorageOption.From(arguments);
        var store = storage is null ? null : new PlaceStore(storage.Container(PlaceStore.ContainerName), TimeProvider.System);
        if (storage is not null)
        {
            // Before minutes of validation, make sure the result can be written.
            await storage.UseAsync(() => storage.Container(PlaceStore.ContainerName).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }

        var progress = ProgressDisplay.ForConsole();
        // Every file is opened (and its kind, .dbf, .prj and .cpg checked) before any record is validated.
        var files = arguments.Positionals.Select(path => FeatureFiles.Read(path, progress)).ToList();
        var result = PlaceImport.Validate(files.SelectMany(records => records), options, progress, cancellationToken);
        progress.Finish();
        if (!result.Succeeded)
        {
            return await ProblemReport.WriteAsync(output, result.Problems);
        }

        await output.WriteLineAsync($"valid: {result.Summary}.");
        if (store is null)
        {
            await output.WriteLineAsync("--dry-run: nothing was written.");
            return ExitCodes.Success;
        }

        var pointer = await storage!.UseAsync(() => store.SaveAsync(result.Map!, result.Summary!, progress, cancellationToken));
        progress.Finish();
        await output.WriteLineAsync(
            $"imported '{pointer.Label}' as {PlaceStore.ContainerName}/{pointer.Dataset}; every host serves it within its Places:RefreshInterval (one minute by default).");
        return ExitCodes.Success;
    }

    private static PlaceImportOptions Options(CommandArguments arguments)
    {
        var options = new PlaceImportOptions
        {
            CodeField = arguments.Value("--code-field") ?? PlaceImportOptions.DefaultCodeField,
            NameField = arguments.Value("--name-field") ?? PlaceImportOptions.DefaultNameField,
            CityCode = arguments.Value("--city") ?? PlaceImportOptions.DefaultCityCode,
            Crs = OptionValues.Crs(arguments),
            SliverTolerance = OptionValues.Number(arguments, "--tolerance", "0.005 (0.5 % of area)") ?? PlaceImportOptions.DefaultSliverTolerance,
            Label = arguments.Value("--label"),
        };
        return options.Problem() is { } problem ? throw new UsageException(problem) : options;
    }
}
