using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Features.Video;
using Lyg.Hub.Importing;

namespace Lyg.Import;

/// <summary>
/// A registry of points imported from a file as components are: every record checked first, every problem listed,
/// and the registry written only when there is none; each point placed in the grid of the place map in force. Importing
/// the same file again leaves the same registry; hosts read it directly, so what is imported is served at once.
/// </summary>
internal abstract class PointRegistryCommand<T> : ICommand
{
    public abstract string Name { get; }

    public string Usage => "<file> " + OptionValues.CrsUsage + " [--x-column X --y-column Y] [--sample-places] [--dry-run] " + StorageOption.Usage;

    public abstract string Summary { get; }

    public IReadOnlyCollection<string> ValueOptions { get; } = ["--crs", "--x-column", "--y-column", StorageOption.Name];

    public IReadOnlyCollection<string> Flags { get; } = ["--dry-run", "--sample-places"];

    protected abstract IReadOnlyList<T> Read(IEnumerable<SourceFeature> features, CoordinateSystem crs, List<ImportProblem> problems);

    protected abstract Task WriteAsync(StorageOption storage, CurrentPlaces places, IReadOnlyList<T> records, CancellationToken cancellationToken);

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException($"name the one {Name} file to import.");
        }

        var problems = new List<ImportProblem>();
        var records = Read(FeatureFiles.Read(arguments.Positionals[0], null, ComponentsCommand.PointColumns(arguments)), OptionValues.Crs(arguments), problems);
        if (problems.Count > 0)
        {
            return await ProblemReport.WriteAsync(output, problems);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"valid: {records.Count:N0} {Name}."));
        if (arguments.Has("--dry-run"))
        {
            await output.WriteLineAsync("--dry-run: nothing was written.");
            return ExitCodes.Success;
        }

        var storage = StorageOption.From(arguments);
        var places = await ComponentsCommand.PlacesInForceAsync(storage, arguments.Has("--sample-places"), output, cancellationToken);
        await storage.UseAsync(async () =>
        {
            await WriteAsync(storage, new CurrentPlaces(places), records, cancellationToken);
            return true;
        });
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"imported {records.Count:N0} {Name}; every host serves them at once."));
        return ExitCodes.Success;
    }
}

/// <summary><c>cameras &lt;file&gt;</c>: the cameras of the video-analytics platform (CameraID, Name, Address).</summary>
internal sealed class CamerasCommand : PointRegistryCommand<Camera>
{
    public override string Name => "cameras";

    public override string Summary => $"Validate cameras (CameraID, Name, Address) from {FeatureFiles.KnownPointKinds} and write them to the camera registry.";

    protected override IReadOnlyList<Camera> Read(IEnumerable<SourceFeature> features, CoordinateSystem crs, List<ImportProblem> problems) =>
        CameraRecords.Read(features, crs, problems);

    protected override async Task WriteAsync(StorageOption storage, CurrentPlaces places, IReadOnlyList<Camera> records, CancellationToken cancellationToken)
    {
        var store = new CameraStore(storage.Tables, places);
        await store.EnsureTableAsync(cancellationToken);
        await store.UpsertAsync(records, cancellationToken);
    }
}

/// <summary><c>advertisements &lt;file&gt;</c>: outdoor advertisements and signboards with their permits (智慧广告).</summary>
internal sealed class AdvertisementsCommand : PointRegistryCommand<Advertisement>
{
    public override string Name => "advertisements";

    public override string Summary =>
        $"Validate advertisements (AdID, Kind, Owner, PermitNo, PermitFrom, PermitUntil) from {FeatureFiles.KnownPointKinds} and write them to the advertisement registry.";

    protected override IReadOnlyList<Advertisement> Read(IEnumerable<SourceFeature> features, CoordinateSystem crs, List<ImportProblem> problems) =>
        AdvertisementRecords.Read(features, crs, problems);

    protected override async Task WriteAsync(StorageOption storage, CurrentPlaces places, IReadOnlyList<Advertisement> records, CancellationToken cancellationToken)
    {
        var store = new AdvertisementStore(storage.Tables, places);
        await store.EnsureTableAsync(cancellationToken);
        await store.UpsertAsync(records, cancellationToken);
    }
}
