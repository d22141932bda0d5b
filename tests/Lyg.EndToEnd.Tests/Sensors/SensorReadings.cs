using System.Net;
using System.Text.Json;
using Lyg.Contracts;

namespace Lyg.EndToEnd.Tests.Sensors;

/// <summary>A sensor's stored readings as the operations centre sees them, for tests that send readings and check what was kept.</summary>
internal static class SensorReadings
{
    /// <summary>GET v1/monitoring/sensors/{id}'s recent readings (the newest 50 of two UTC days); none for a sensor not registered.</summary>
    public static async Task<List<JsonElement>> RecentAsync(HubFixture hub, string sensor)
    {
        var staff = await hub.Host.ClientForAsync("operator-sensor-readings", Roles.Operator);
        using var response = await staff.GetAsync($"api/v1/monitoring/sensors/{Uri.EscapeDataString(sensor)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("recentReadings").EnumerateArray()];
    }
}
