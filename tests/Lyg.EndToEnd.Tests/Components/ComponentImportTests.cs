using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Components;

/// <summary>
/// The import tool writes synthetic components into the suite's Azurite; the running host serves them at once, by id
/// and nearest to a point, and routes a report about one to its maintenance unit.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class ComponentImportTests(HubFixture hub) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lyg-components-").FullName;

    [Fact]
    public async Task Imported_components_are_served_by_id_and_nearest_and_a_report_about_one_goes_to_its_maintainer()
    {
        var file = Path.Combine(_directory, "components.csv");
        var (written, writeOutput) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "sample-components", file, "--count", "300");
        Assert.True(written == 0, writeOutput);

        var (imported, importOutput) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "components", file, "--sample-places");

        Assert.True(imported == 0, importOutput);
        Assert.Contains("imported 300 components", importOutput, StringComparison.Ordinal);
        // Redirected output gets one final line per phase, with its total.
        Assert.Contains("validate 300/300 100%", importOutput, StringComparison.Ordinal);
        var first = File.ReadLines(file).Skip(1).First().Split(',');
        var (id, lon, lat) = (first[0], first[10], first[11]);
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-components", Roles.Dispatcher);

        var component = (await dispatcher.GetFromJsonAsync($"api/v1/components/{id}", LygJsonContext.Default.ComponentView))!;
        Assert.Equal((first[1], first[5], first[4]), (component.Name, component.Grid, component.MaintenanceUnit?.Code));
        Assert.Equal(double.Parse(lat, CultureInfo.InvariantCulture), component.Location.Lat!.Value, 7);

        var nearest = (await dispatcher.GetFromJsonAsync(
            $"api/v1/components/nearest?lat={lat}&lon={lon}&crs=wgs84&type={component.TypeCode}&limit=1", LygJsonContext.Default.NearestComponents))!;
        var hit = Assert.Single(nearest.Items);
        Assert.Equal(id, hit.Component.Id);
        Assert.True(hit.DistanceMetres < 0.01, $"{hit.DistanceMetres} m");

        var caseId = await ReportAboutAsync(id);
        var @case = await DispatchBySuggestionAsync(caseId, component.TypeCode);
        Assert.Equal(component.MaintenanceUnit?.Code, @case.AssignedUnit);
        Assert.Equal(component.Grid, @case.Place?.Grid);
    }

    [Fact]
    public async Task A_file_with_one_bad_record_is_refused_whole_with_the_record_named()
    {
        var file = Path.Combine(_directory, "mixed.csv");
        // Record 2 says it is in Haizhou (320706) but its point lies in a sample grid of Donghai (320722).
        await File.WriteAllLinesAsync(file,
        [
            "ObjID,ObjName,DeptCode2,X,Y",
            "3207060101990001,供水井盖,ENT-WATER,119.2215,34.5967",
            "3207060101990002,供水井盖,ENT-WATER,118.7610069,34.5394589",
        ]);

        var (exitCode, output) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "components", file, "--sample-places");

        Assert.True(exitCode == 1, output);
        Assert.Contains("mixed.csv record 2 (3207060101990002)", output, StringComparison.Ordinal);
        Assert.Contains("nothing was written", output, StringComparison.Ordinal);
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-components", Roles.Dispatcher);
        using var missing = await dispatcher.GetAsync("api/v1/components/3207060101990001");
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> ReportAboutAsync(string componentId)
    {
        var citizen = await hub.Host.ClientForAsync("citizen-components", Roles.Citizen);
        using var response = await citizen.PostAsJsonAsync(
            "api/v1/reports", new SubmitReportRequest("井盖松动", null, null, null, null, componentId), LygJsonContext.Default.SubmitReportRequest);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportAccepted))!.CaseId;
    }

    private async Task<CaseView> DispatchBySuggestionAsync(string caseId, string category)
    {
        var operatorClient = await hub.Host.ClientForAsync("operator-components", Roles.Operator);
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-components", Roles.Dispatcher);
        using (var registered = await operatorClient.PostAsJsonAsync($"api/v1/cases/{caseId}/actions/register", new { categoryCode = category, urgency = "normal" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        }

        using (var dispatched = await dispatcher.PostAsJsonAsync($"api/v1/cases/{caseId}/actions/dispatch", new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, dispatched.StatusCode);
        }

        return (await dispatcher.GetFromJsonAsync($"api/v1/cases/{caseId}", LygJsonContext.Default.CaseView))!;
    }
}
