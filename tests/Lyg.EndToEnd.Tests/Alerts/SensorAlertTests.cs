using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Testing;
using static Lyg.EndToEnd.Tests.Auth.MachineRequests;

namespace Lyg.EndToEnd.Tests.Alerts;

/// <summary>
/// The monitoring loop over real HTTP on the standalone host: a sensor's readings cross its kind's rules, the alert desk
/// raises a graded alert, the alert at its case level becomes a case through the intake, the centre acknowledges it,
/// and the reading that clears it is written on the case's timeline.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class SensorAlertTests(HubFixture hub)
{
    private const string Gateway = "dev-gateway";

    [Fact]
    public async Task A_water_level_past_its_orange_limit_raises_an_alert_with_a_case_which_the_centre_acknowledges_and_its_clearing_reaches_the_case()
    {
        var sensor = await RegisteredSensorAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-20);
        await SendAsync(sensor, (at, 0.05), (at.AddMinutes(5), 0.62));
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-alerts", Roles.Dispatcher);

        // 0.05 → 0.62 m in five minutes passes the orange limit (0.5 m) and rises faster than 0.05 m a minute (yellow, below the case level).
        var alerts = await AlertsAsync(dispatcher, sensor);
        Assert.Equal(["level-high", "rising-fast"], alerts.Select(a => a.Rule).Order(StringComparer.Ordinal));
        var rising = alerts.Single(a => a.Rule == "rising-fast");
        Assert.Equal((WarningLevel.Yellow, AlertState.Raised, (string?)null), (rising.Level, rising.State, rising.CaseId));
        var raised = alerts.Single(a => a.Rule == "level-high");
        Assert.Equal((AlertSubject.Sensor, "water-level", WarningLevel.Orange, AlertState.CaseCreated), (raised.Subject, raised.Kind, raised.Level, raised.State));
        var shown = (await dispatcher.GetFromJsonAsync($"api/v1/monitoring/sensors/{sensor}", LygJsonContext.Default.SensorView))!;
        Assert.Equal(alerts.Select(a => a.AlertId).Order(StringComparer.Ordinal), shown.Alerts.Select(a => a.AlertId).Order(StringComparer.Ordinal));
        var opened = await dispatcher.GetCaseAsync(raised.CaseId!);
        Assert.Equal((CaseSource.Sensor, CaseState.Reported), (opened.Source, opened.State));
        Assert.Contains("二级（橙色）", opened.Description, StringComparison.Ordinal);

        using (var acknowledged = await dispatcher.PostAsync($"api/v1/monitoring/alerts/{raised.AlertId}/acknowledge", null))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            var view = (await acknowledged.Content.ReadFromJsonAsync(LygJsonContext.Default.AlertView))!;
            Assert.Equal(AlertState.CaseCreated, view.State);
            Assert.NotNull(view.AcknowledgedAt);
        }

        await SendAsync(sensor, (at.AddMinutes(10), 0.02));

        var cleared = (await dispatcher.GetFromJsonAsync($"api/v1/monitoring/alerts/{raised.AlertId}", LygJsonContext.Default.AlertView))!;
        Assert.Equal((AlertState.Cleared, WarningLevel.Orange), (cleared.State, cleared.PeakLevel));
        var timeline = (await dispatcher.GetCaseAsync(raised.CaseId!)).Timeline;
        Assert.Contains(timeline, t => t.Action == "record-alert" && t.Reason == $"预警解除 {raised.AlertId}");
    }

    [Fact]
    public async Task The_alert_list_takes_only_staff_and_answers_an_unknown_alert_with_404()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-alerts", Roles.Citizen);
        var operatorClient = await hub.Host.ClientForAsync("operator-alerts", Roles.Operator);

        using var forbidden = await citizen.GetAsync("api/v1/monitoring/alerts");
        using var unknown = await operatorClient.GetAsync("api/v1/monitoring/alerts/AL20261201000000ffffffff");
        using var tooLong = await operatorClient.GetAsync("api/v1/monitoring/alerts?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<IReadOnlyList<AlertView>> AlertsAsync(HttpClient client, string sensor) =>
        (await client.GetFromJsonAsync($"api/v1/monitoring/alerts?subjectId={sensor}", LygJsonContext.Default.AlertPage))!.Items;

    private async Task SendAsync(string sensor, params (DateTimeOffset At, double Level)[] readings)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            readings = readings.Select(r => new { sensorId = sensor, observedAt = r.At.ToString("O"), values = new Dictionary<string, double> { ["waterLevel"] = r.Level } }),
        });
        using var response = await hub.Host.Anonymous.SendAsync(Signed(HttpMethod.Post, "/api/v1/telemetry", Gateway, body: body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>A new water-level sensor imported with the tool, at the seat of 海州区 in the sample city.</summary>
    private async Task<string> RegisteredSensorAsync()
    {
        var sensor = "e2e-alert-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetTempPath(), $"sensors-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, ["sensorId,kind,name,X,Y", $"{sensor},water-level,e2e 积水点,119.2215,34.5967"]);
        var (exitCode, output) = await ImportTool.RunAsync(hub.Azurite.ConnectionString, "sensors", file, "--sample-places");
        File.Delete(file);
        Assert.True(exitCode == 0, output);
        return sensor;
    }
}
