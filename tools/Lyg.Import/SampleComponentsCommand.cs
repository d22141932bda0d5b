using System.Globalization;
using System.Text;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;

namespace Lyg.Import;

/// <summary>
/// <c>sample-components &lt;out.csv&gt;</c>: writes synthetic components (manhole covers, street lights, sewer grates)
/// spread over the grids of the synthetic sample city, with the 2013 field names and X/Y in WGS84, owned and
/// maintained by units of the sample registry. Reproducible: the same count gives the same file.
/// </summary>
internal sealed class SampleComponentsCommand : ICommand
{
    private const int DefaultCount = 2_000;
    private const int MaxCount = 1_000_000;

    // Types the sample draws from: gb2013 code, name, competent department, owner (权属), maintenance unit (养护).
    private static readonly SampleType[] Types =
    [
        new("0101", "供水井盖", "DEPT-SZC", "ENT-WATER", "ENT-WATER"),
        new("0102", "污水井盖", "DEPT-SZC", "ENT-SEWAGE", "ENT-SEWAGE"),
        new("0103", "雨水井盖", "DEPT-SZC", "ENT-DRAINAGE", "ENT-DRAINAGE"),
        new("0104", "雨水箅子", "DEPT-SZC", "ENT-DRAINAGE", "ENT-DRAINAGE"),
        new("0105", "电力井盖", "DEPT-CGJ", "ENT-POWER", "ENT-POWER"),
        new("0107", "通信井盖", "DEPT-CGJ", "ENT-CMCC", "ENT-TOWER"),
        new("0111", "燃气井盖", "DEPT-CGJ", "ENT-GAS", "ENT-GAS"),
        new("0137", "路灯", "DEPT-CGJ", "DEPT-SZC", "ENT-LIGHTING"),
    ];

    // Mostly intact, as a survey finds them.
    private static readonly string[] States = ["完好", "完好", "完好", "完好", "完好", "完好", "破损", "丢失", "占用"];

    public string Name => "sample-components";

    public string Usage => "<out.csv> [--count N]";

    public string Summary =>
        $"Write synthetic components over the sample city ({SampleCity.Label}) as CSV, ready for `components --sample-places`.";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["--count"];

    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException("name the one file to write, e.g. sample-components.csv.");
        }

        var count = OptionValues.Number(arguments, "--count", "2000") is { } asked
            ? asked is >= 1 and <= MaxCount && asked == Math.Floor(asked) ? (int)asked : throw new UsageException($"--count must be a whole number from 1 to {MaxCount:N0}.")
            : DefaultCount;
        var city = SampleCity.Generate();
        var random = new Random(SampleCity.DefaultSeed);
        var sequences = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = arguments.Positionals[0];
        await using (var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            await file.WriteLineAsync("ObjID,ObjName,DeptCode1,DeptCode2,DeptCode3,BGID,ObjState,ORDate,DataSource,Note,X,Y");
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var grid = city.Grids[random.Next(city.Grids.Count)];
                var type = Types[random.Next(Types.Length)];
                var prefix = grid.District.Code + type.Code;
                var sequence = sequences[prefix] = sequences.GetValueOrDefault(prefix) + 1;
                var point = PointIn(grid.Boundary, random);
                var recorded = new DateOnly(2024, 1, 1).AddDays(random.Next(700));
                await file.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{prefix}{sequence:D6},{type.Name},{type.Competent},{type.Owner},{type.Maintainer},{grid.Code},{States[random.Next(States.Length)]},{recorded:yyyy-MM-dd},样例,synthetic sample,{point.X:F7},{point.Y:F7}"));
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {count:N0} synthetic components to {path}."));
        await output.WriteLineAsync($"import them with: {CommandRunner.ToolName} components {path} --sample-places");
        return ExitCodes.Success;
    }

    /// <summary>A seeded point inside the grid, kept off its edges so no tolerance is needed.</summary>
    private static Point PointIn(Polygon grid, Random random)
    {
        var inner = grid.Buffer(-grid.EnvelopeInternal.Width * 0.05);
        var extent = inner.EnvelopeInternal;
        while (true)
        {
            var candidate = grid.Factory.CreatePoint(new Coordinate(
                extent.MinX + random.NextDouble() * extent.Width, extent.MinY + random.NextDouble() * extent.Height));
            if (inner.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private sealed record SampleType(string Code, string Name, string Competent, string Owner, string Maintainer);
}
