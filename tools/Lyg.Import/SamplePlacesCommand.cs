using System.Globalization;
using System.Text.Json;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace Lyg.Import;

/// <summary>
/// <c>sample-places &lt;out.geojson&gt;</c>: writes the generated synthetic sample city — its districts, streets,
/// communities and unit grids with <c>code</c> and <c>name</c> properties — as one GeoJSON FeatureCollection, so
/// anyone can try an import without real data.
/// </summary>
internal sealed class SamplePlacesCommand : ICommand
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public string Name => "sample-places";

    public string Usage => "<out.geojson> [--large]";

    public string Summary =>
        $"Write the synthetic sample city ({SampleCity.Label}) as GeoJSON with code and name properties, ready for `places`; --large writes ~106,000 grids.";

    public IReadOnlyCollection<string> ValueOptions { get; } = [];

    public IReadOnlyCollection<string> Flags { get; } = ["--large"];

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count != 1)
        {
            throw new UsageException("name the one file to write, e.g. sample-places.geojson.");
        }

        var city = SampleCity.Generate(arguments.Has("--large") ? SampleCityOptions.Large : null);
        var collection = new FeatureCollection();
        foreach (var area in city.Areas)
        {
            collection.Add(new Feature(area.Boundary, new AttributesTable { { "code", area.Place.Code }, { "name", area.Place.Name } }));
        }

        foreach (var grid in city.Grids)
        {
            var attributes = new AttributesTable { { "code", grid.Code } };
            if (grid.Name is not null)
            {
                attributes.Add("name", grid.Name);
            }

            collection.Add(new Feature(grid.Boundary, attributes));
        }

        var path = arguments.Positionals[0];
        await using (var file = File.Create(path))
        {
            await JsonSerializer.SerializeAsync(file, collection, GeoJson, cancellationToken);
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {city.Areas.Count:N0} districts, streets and communities and {city.Grids.Count:N0} unit grids of the {SampleCity.Label} to {path}."));
        await output.WriteLineAsync($"import it with: {CommandRunner.ToolName} places {path} --label \"{SampleCity.Label}\"");
        return ExitCodes.Success;
    }
}
