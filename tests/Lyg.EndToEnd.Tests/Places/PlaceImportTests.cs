using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Places;

/// <summary>
/// Places imported with the tool replace the sample city in a running host within its refresh interval; a file with a
/// grid outside its community is refused and the host keeps what it serves. Owns its Azurite and host, because the
/// rest of the suite places cases in the sample city.
/// </summary>
public sealed class PlaceImportTests : IAsyncLifetime
{
    // A 2 km × 1 km community east of Haizhou's sample lattice, split into a west and an east grid.
    private const double West = 119.40, Middle = 119.41, East = 119.42, South = 34.70, North = 34.71;

    private readonly string _directory = Directory.CreateTempSubdirectory("lyg-places-").FullName;
    private AzuriteInstance _azurite = null!;
    private StandaloneHost _host = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        _host = await StandaloneHost.StartAsync(_azurite.ConnectionString, "e2eplaces", new Dictionary<string, string> { ["Places__RefreshInterval"] = "00:00:01" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _azurite.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task An_imported_dataset_replaces_the_sample_in_the_running_host_and_a_broken_one_changes_nothing()
    {
        var dispatcher = await _host.ClientForAsync("dispatcher-places", Roles.Dispatcher);
        var file = await WriteAsync("places.geojson", Box(Middle, South, East, North));

        var (exitCode, output) = await ImportTool.RunAsync(_azurite.ConnectionString, "places", file, "--label", "e2e test places");

        Assert.True(exitCode == 0, output);
        Assert.Contains("valid: 1 districts/counties, 1 streets/towns, 1 communities, 2 unit grids", output, StringComparison.Ordinal);
        await Poll.UntilAsync(() => PlacesLabelAsync(), label => label == "e2e test places", TimeSpan.FromSeconds(20), "the host to serve the import");
        var located = (await dispatcher.GetFromJsonAsync(Locate(34.705, 119.415), LygJsonContext.Default.LocateResult))!;
        Assert.Equal(("320706001001002", "测试社区"), (located.Grid, located.Community.Name));
        using (var sampleCentre = await dispatcher.GetAsync(Locate(34.5967, 119.2215)))
        {
            await sampleCentre.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        }

        // The east grid reaches 0.01° beyond its community.
        var broken = await WriteAsync("broken.geojson", Box(Middle, South, East + 0.01, North));
        var (refusedCode, refusedOutput) = await ImportTool.RunAsync(_azurite.ConnectionString, "places", broken, "--label", "broken");

        Assert.True(refusedCode == 1, refusedOutput);
        Assert.Contains("broken.geojson record 5 (320706001001002)", refusedOutput, StringComparison.Ordinal);
        Assert.Contains("nothing was written", refusedOutput, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("e2e test places", await PlacesLabelAsync());
    }

    private static string Locate(double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture, $"api/v1/geo/locate?lat={lat}&lon={lon}&crs=wgs84");

    private async Task<string?> PlacesLabelAsync() =>
        (await _host.Anonymous.GetFromJsonAsync("api/health", LygJsonContext.Default.HealthReport))?.Places?.Label;

    /// <summary>District, street and community share one box; the west grid fills its west half, the east grid is given.</summary>
    private async Task<string> WriteAsync(string name, string eastGrid)
    {
        var community = Box(West, South, East, North);
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, $$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"320706","name":"海州区"},"geometry":{{community}}},
              {"type":"Feature","properties":{"code":"320706001","name":"测试街道"},"geometry":{{community}}},
              {"type":"Feature","properties":{"code":"320706001001","name":"测试社区"},"geometry":{{community}}},
              {"type":"Feature","properties":{"code":"320706001001001"},"geometry":{{Box(West, South, Middle, North)}}},
              {"type":"Feature","properties":{"code":"320706001001002","name":"东格"},"geometry":{{eastGrid}}}
            ]}
            """);
        return path;
    }

    private static string Box(double west, double south, double east, double north) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{east}},{{south}}],[{{east}},{{north}}],[{{west}},{{north}}],[{{west}},{{south}}]]]}""");
}
