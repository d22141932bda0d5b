using System.Globalization;
using System.Text;
using Lyg.Orchestrations.Geo;

namespace Lyg.Import;

/// <summary>
/// <c>sample-sensors &lt;out.csv&gt;</c>: writes synthetic water-level sensors (样例), one in each of as many grids of
/// the synthetic sample city, owned by the sample drainage company, with the ids <c>replay --generate</c> sends
/// readings for. Reproducible: the same count gives the same file.
/// </summary>
internal sealed class SampleSensorsCommand : ICommand
{
    private const int DefaultCount = 100;
    private const int MaxCount = 1_000_000;

    public string Name => "sample-sensors";

    public string Usage => "<out.csv> [--count N]";

    public string Summary =>
        $"Write synthetic water-level sensors over the sample city ({SampleCity.Label}) as CSV, ready for `sensors --sample-places` and `replay --generate`.";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["--count"];

    public IReadOnlyCollection<string> Flags { get; } = [];

    /// <summary>The id of the n-th sample sensor (from 0), as the replay generator names it.</summary>
    public static string IdOf(long n) => string.Create(CultureInfo.InvariantCulture, $"replay-{n:D6}");

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException("name the one file to write, e.g. sample-sensors.csv.");
        }

        var count = OptionValues.Number(arguments, "--count", "100") is { } asked
            ? asked is >= 1 and <= MaxCount && asked == Math.Floor(asked) ? (int)asked : throw new UsageException($"--count must be a whole number from 1 to {MaxCount:N0}.")
            : DefaultCount;
        var grids = SampleCity.Generate().Grids;
        var path = arguments.Positionals[0];
        await using (var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            await file.WriteLineAsync("sensorId,kind,name,grid,unit,X,Y");
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Spread over the city: a stride through the grids, the sensor at its grid's centre.
                var grid = grids[(int)((long)i * 7919 % grids.Count)];
                var centre = grid.Boundary.Centroid;
                await file.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture, $"{IdOf(i)},water-level,样例 积水监测 {i + 1},{grid.Code},ENT-DRAINAGE,{centre.X:F7},{centre.Y:F7}"));
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {count:N0} synthetic sensors to {path}."));
        await output.WriteLineAsync($"import them with: {CommandRunner.ToolName} sensors {path} --sample-places");
        return ExitCodes.Success;
    }
}
