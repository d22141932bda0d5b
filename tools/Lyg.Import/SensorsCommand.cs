using System.Globalization;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Codes;

namespace Lyg.Import;

/// <summary>
/// <c>sensors &lt;file&gt;</c>: reads a sensor file (sensorId, kind, name, grid, unit, interval, overrides and a point),
/// checks every record against the sensor kinds (built in, or <c>--kinds</c> as a host's Sensors:KindsFile), the place
/// map in force and the unit registry in storage, and unless <c>--dry-run</c> writes the sensors (a file is taken whole
/// or not at all; importing it again leaves the same registry). Hosts take the new sensors' readings at once.
/// </summary>
internal sealed class SensorsCommand : ICommand
{
    public string Name => "sensors";

    public string Usage =>
        "<file> " + OptionValues.CrsUsage + " [--x-column X --y-column Y] [--kinds FILE] [--sample-places] [--dry-run] " + StorageOption.Usage;

    public string Summary =>
        $"Validate sensors (sensorId, kind, name, grid, unit, interval, overrides) from {FeatureFiles.KnownPointKinds} "
        + "against the sensor kinds and the places and units in storage, and write them.";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["--crs", "--x-column", "--y-column", "--kinds", StorageOption.Name];

    public IReadOnlyCollection<string> Flags { get; } = ["--dry-run", "--sample-places"];

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException("name the one sensor file to import.");
        }

        SensorKindCatalog kinds;
        try
        {
            kinds = SensorKindCatalog.Load(arguments.Value("--kinds"), CodeCatalog.Default);
        }
        catch (InvalidOperationException ex)
        {
            throw new CommandFailedException(ex.Message, ex);
        }

        var crs = OptionValues.Crs(arguments);
        var (path, columns, dryRun) = (arguments.Positionals[0], ComponentsCommand.PointColumns(arguments), arguments.Has("--dry-run"));
        var storage = StorageOption.From(arguments);
        var places = await ComponentsCommand.PlacesInForceAsync(storage, arguments.Has("--sample-places"), output, cancellationToken);
        var import = new ImportSensors(new SensorStore(storage.Tables), new UnitStore(storage.Tables), kinds);
        var result = await storage.UseAsync(() => import.RunAsync(FeatureFiles.Read(path, null, columns), places, crs, dryRun, cancellationToken));
        if (result.Problems.Count > 0)
        {
            return await ProblemReport.WriteAsync(output, result.Problems);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"valid: {result.Valid:N0} sensors."));
        await output.WriteLineAsync(result.Written is { } written
            ? string.Create(CultureInfo.InvariantCulture, $"imported {written:N0} sensors; every host takes their readings at once.")
            : "--dry-run: nothing was written.");
        return ExitCodes.Success;
    }
}
