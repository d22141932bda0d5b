using System.Globalization;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Features.Vehicles;
using Lyg.Hub.Importing;

namespace Lyg.Import;

/// <summary>
/// <c>vehicles &lt;file.json&gt;</c>: reads a vehicle registry file (vehicles, their geofences and permitted hours),
/// checks it against the unit registry in storage and the code catalogue, and unless <c>--dry-run</c> writes the
/// vehicles (a file is taken whole or not at all; importing it again leaves the same registry). Hosts take it up
/// within Vehicles:RegistryRefresh.
/// </summary>
internal sealed class VehiclesCommand : ICommand
{
    public string Name => "vehicles";

    public string Usage => "<file.json> [--dry-run] " + StorageOption.Usage;

    public string Summary => "Validate a vehicle registry file (vehicles, geofences, permitted hours; README: Vehicles) against the units in storage, and write it.";

    public IReadOnlyCollection<string> ValueOptions { get; } = [StorageOption.Name];

    public IReadOnlyCollection<string> Flags { get; } = ["--dry-run"];

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException("name the one vehicle registry file to import.");
        }

        var path = arguments.Positionals[0];
        byte[] file;
        try
        {
            file = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new UsageException($"cannot read {path}: {ex.Message}");
        }

        var storage = StorageOption.From(arguments);
        var import = new ImportVehicles(new VehicleStore(storage.Tables), new UnitStore(storage.Tables));
        var result = await storage.UseAsync(() => import.RunAsync(file, arguments.Has("--dry-run"), cancellationToken));
        if (result.Problems.Count > 0)
        {
            return await ProblemReport.WriteAsync(output, [.. result.Problems.Select(p => new ImportProblem(0, p.Key, p.Value) { Source = path })]);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"valid: {result.Valid:N0} vehicles."));
        await output.WriteLineAsync(result.Written
            ? "imported; hosts take the registry up within Vehicles:RegistryRefresh (a minute by default)."
            : "--dry-run: nothing was written.");
        return ExitCodes.Success;
    }
}
