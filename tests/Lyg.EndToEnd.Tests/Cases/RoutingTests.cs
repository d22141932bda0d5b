using System.Net;
using Lyg.Contracts;
using Lyg.Orchestrations.Geo;

namespace Lyg.EndToEnd.Tests.Cases;

/// <summary>Dispatch without a unit code takes the sample routing table's suggestion for the case's category and place.</summary>
[Collection(HubSuite.Name)]
public sealed class RoutingTests(HubFixture hub)
{
    [Fact]
    public async Task A_water_manhole_case_dispatched_without_a_unit_goes_to_the_water_company()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-" + Guid.NewGuid().ToString("N")[..8], Roles.Citizen);
        var @operator = await hub.Host.ClientForAsync("operator-zhang", Roles.Operator);
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-zhao", Roles.Dispatcher);
        var centre = SampleCity.Generate().Grids.First(g => g.District.Code == "320706").Boundary.Centroid;

        var caseId = await citizen.SubmitCaseAsync(Api.ManholeReport() with { Location = new GeoLocation(centre.Y, centre.X, CoordinateSystem.Wgs84) });
        using var registered = await @operator.ActAsync(caseId, "register", """{"categoryCode":"0101","urgency":"normal"}""");
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        Assert.Equal("ENT-WATER", (await @operator.GetCaseAsync(caseId)).SuggestedUnit);

        using var dispatched = await dispatcher.ActAsync(caseId, "dispatch", "{}");

        Assert.Equal(HttpStatusCode.Accepted, dispatched.StatusCode);
        var stored = await @operator.GetCaseAsync(caseId);
        Assert.Equal((CaseState.Dispatched, "ENT-WATER", null), (stored.State, stored.AssignedUnit, stored.SuggestedUnit));
        Assert.StartsWith("Routed by rule category 0101", stored.Timeline[^1].Reason, StringComparison.Ordinal);
    }
}
