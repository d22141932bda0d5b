using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Features.Components;

public sealed class ComponentRoutesTests
{
    private readonly TokenKeys _keys = TestJwt.Keys(TestJwt.NewKey());

    public static TheoryData<string, bool> RolesAndAdmission() => new()
    {
        { Roles.Operator, true },
        { Roles.ShiftLead, true },
        { Roles.Dispatcher, true },
        { Roles.Inspector, true },
        { Roles.Supervisor, true },
        { Roles.Admin, true },
        { Roles.Unit, true },
        { Roles.Citizen, false },
    };

    [Theory]
    [MemberData(nameof(RolesAndAdmission))]
    public async Task Center_staff_and_unit_staff_may_look_components_up_and_citizens_may_not(string role, bool admitted)
    {
        foreach (var endpoint in new[] { ApiEndpoints.GetComponent, ApiEndpoints.FindNearestComponents })
        {
            var http = new DefaultHttpContext();
            http.Request.Headers.Authorization = "Bearer " + new DevTokenIssuer(_keys, TimeProvider.System).Issue("someone", [role], role == Roles.Unit ? "DEPT-CGJ" : null).Token;

            var problem = await TestJwt.Gate(_keys).AdmitAsync(http, endpoint);

            if (admitted)
            {
                Assert.Null(problem);
            }
            else
            {
                Assert.Equal(StatusCodes.Status403Forbidden, (await ResultRunner.ExecuteAsync(problem!, http)).Status);
            }
        }
    }

    [Fact]
    public void Both_routes_are_gets_under_v1_components()
    {
        Assert.Equal((HttpMethods.Get, "v1/components/{componentId}"), (ApiEndpoints.GetComponent.Method, ApiEndpoints.GetComponent.Route));
        Assert.Equal((HttpMethods.Get, "v1/components/nearest"), (ApiEndpoints.FindNearestComponents.Method, ApiEndpoints.FindNearestComponents.Route));
        Assert.Contains(ApiEndpoints.GetComponent, ApiEndpoints.All);
        Assert.Contains(ApiEndpoints.FindNearestComponents, ApiEndpoints.All);
    }

    [Fact]
    public void The_nearest_route_is_tried_first_by_the_functions_host_which_orders_routes_by_function_name()
    {
        Assert.True(string.CompareOrdinal(ApiEndpointNames.FindNearestComponents, ApiEndpointNames.GetComponent) < 0);
        Assert.True(string.Compare(ApiEndpointNames.FindNearestComponents, ApiEndpointNames.GetComponent, StringComparison.OrdinalIgnoreCase) < 0);
    }
}
