using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.AspNetCore.Routing.Patterns;

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
        Assert.Equal((HttpMethods.Get, "v1/components/{componentId:regex(^(?!nearest$))}"), (ApiEndpoints.GetComponent.Method, ApiEndpoints.GetComponent.Route));
        Assert.Equal((HttpMethods.Get, "v1/components/nearest"), (ApiEndpoints.FindNearestComponents.Method, ApiEndpoints.FindNearestComponents.Route));
        Assert.Contains(ApiEndpoints.GetComponent, ApiEndpoints.All);
        Assert.Contains(ApiEndpoints.FindNearestComponents, ApiEndpoints.All);
    }

    [Theory]
    [InlineData("nearest", false)]
    [InlineData("32070501001000011", true)]
    [InlineData("nearest-but-longer", true)]
    public void The_component_route_cannot_take_the_nearest_route_whatever_order_a_host_tries_them_in(string segment, bool taken)
    {
        var parameter = RoutePatternFactory.Parse(ApiEndpoints.GetComponent.Route).GetParameter("componentId")!;
        var policy = parameter.ParameterPolicies.Single().Content!;
        var constraint = new RegexRouteConstraint(policy["regex(".Length..^1]);

        var matches = constraint.Match(null, null, "componentId", new RouteValueDictionary { ["componentId"] = segment }, RouteDirection.IncomingRequest);

        Assert.Equal(taken, matches);
    }
}
