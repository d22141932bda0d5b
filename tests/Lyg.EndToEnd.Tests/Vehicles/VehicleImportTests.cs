using System.Net;
using System.Text;
using Lyg.Testing;
using static Lyg.EndToEnd.Tests.Auth.MachineRequests;

namespace Lyg.EndToEnd.Tests.Vehicles;

/// <summary>
/// The import tool writes a vehicle registry file into the suite's Azurite; the running host takes it up within its
/// registry refresh and accepts positions of the new vehicle. A file with a problem is refused whole, the path named.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class VehicleImportTests(HubFixture hub) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lyg-vehicles-").FullName;

    [Fact]
    public async Task An_imported_vehicle_reports_positions_once_the_host_has_read_the_registry_again()
    {
        var id = "HW-I" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var file = Path.Combine(_directory, "fleet.json");
        await File.WriteAllTextAsync(file, Fleet(id, "ENT-SANITATION"));

        var (exit, output) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "vehicles", file);

        Assert.True(exit == 0, output);
        Assert.Contains("valid: 1 vehicles", output, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes($$"""{"positions":[{"vehicleId":"{{id}}","observedAt":"{{DateTimeOffset.UtcNow.AddMinutes(-1):O}}","lat":34.5967,"lon":119.2215,"crs":"wgs84"}]}""");
        var deadline = DateTime.UtcNow + HubFixture.VehicleRegistryRefresh * 10;
        HttpStatusCode status;
        do
        {
            using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, "/api/v1/vehicles/positions", "dev-gateway", body: body));
            status = response.StatusCode;
            if (status != HttpStatusCode.Accepted)
            {
                await Task.Delay(HubFixture.VehicleRegistryRefresh / 2);
            }
        }
        while (status != HttpStatusCode.Accepted && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Accepted, status);
    }

    [Fact]
    public async Task A_file_with_an_unknown_unit_is_refused_whole_with_its_path_named()
    {
        var file = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(file, Fleet("HW-BAD1", "ENT-NOBODY"));

        var (exit, output) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "vehicles", file);

        Assert.Equal(1, exit);
        Assert.Contains("vehicles[0].unit", output, StringComparison.Ordinal);
        Assert.Contains("nothing was written", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Fleet(string id, string unit) => $$"""
        {"vehicles": [{"vehicleId": "{{id}}", "kind": "sanitation", "unit": "{{unit}}"}]}
        """;
}
