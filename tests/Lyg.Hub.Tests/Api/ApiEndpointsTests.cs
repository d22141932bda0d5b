using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Api;

public sealed class ApiEndpointsTests
{
    /// <summary>Open311's discovery, services and service definitions are public reference data, as the spec has them; none writes.</summary>
    [Fact]
    public void Only_health_and_the_open311_reference_data_are_anonymous()
    {
        Assert.Equal(
            [ApiEndpointNames.Health, ApiEndpointNames.Open311Discovery, ApiEndpointNames.Open311Services, ApiEndpointNames.Open311ServiceDefinition],
            ApiEndpoints.All.Where(e => e.IsAnonymous).Select(e => e.Name));
        Assert.All(ApiEndpoints.All.Where(e => e.IsAnonymous), e => Assert.Equal(HttpMethods.Get, e.Method));
    }

    [Fact]
    public void People_roles_admit_bearer_endpoints_and_machine_kinds_the_signed_and_open311_ones()
    {
        foreach (var endpoint in ApiEndpoints.All)
        {
            var vocabulary = endpoint.Scheme switch
            {
                ApiScheme.Bearer => Roles.People,
                ApiScheme.Signature => Roles.Machines,
                ApiScheme.Open311Key => new HashSet<string> { Roles.Open311 },
                _ => new HashSet<string>(),
            };
            Assert.True(endpoint.AllowedRoles.IsSubsetOf(vocabulary), $"{endpoint.Name} admits roles outside its {endpoint.Scheme} scheme's");
            Assert.Equal(endpoint.Scheme == ApiScheme.Anonymous, endpoint.AllowedRoles.Count == 0);
        }
    }

    [Fact]
    public void The_machine_ping_is_signed_and_admits_every_machine_kind()
    {
        Assert.Equal((HttpMethods.Get, "v1/machine/ping", ApiScheme.Signature), (ApiEndpoints.MachinePing.Method, ApiEndpoints.MachinePing.Route, ApiEndpoints.MachinePing.Scheme));
        Assert.Equal(Roles.Machines.ToHashSet(), ApiEndpoints.MachinePing.AllowedRoles.ToHashSet());
    }

    [Fact]
    public void Reports_are_submitted_by_citizens_and_inspectors_only()
    {
        Assert.Equal(new HashSet<string> { Roles.Citizen, Roles.Inspector }, ApiEndpoints.SubmitReport.AllowedRoles.ToHashSet());
        Assert.Equal(HttpMethods.Post, ApiEndpoints.SubmitReport.Method);
    }

    [Fact]
    public void Locating_a_point_is_for_center_staff()
    {
        Assert.Equal(Roles.Staff.ToHashSet(), ApiEndpoints.Locate.AllowedRoles.ToHashSet());
        Assert.Equal((HttpMethods.Get, "v1/geo/locate"), (ApiEndpoints.Locate.Method, ApiEndpoints.Locate.Route));
    }

    [Fact]
    public void Calendar_years_are_loaded_by_administrators_and_read_by_staff_and_unit_staff()
    {
        Assert.Equal((HttpMethods.Put, "v1/calendar/{year}"), (ApiEndpoints.PutCalendarYear.Method, ApiEndpoints.PutCalendarYear.Route));
        Assert.Equal(new HashSet<string> { Roles.Admin }, ApiEndpoints.PutCalendarYear.AllowedRoles.ToHashSet());
        Assert.Equal((HttpMethods.Get, "v1/calendar/{year}"), (ApiEndpoints.GetCalendarYear.Method, ApiEndpoints.GetCalendarYear.Route));
        Assert.Equal(new HashSet<string>([.. Roles.Staff, Roles.Unit]), ApiEndpoints.GetCalendarYear.AllowedRoles.ToHashSet());
        Assert.DoesNotContain(Roles.Citizen, ApiEndpoints.GetCalendarYear.AllowedRoles);
    }

    [Fact]
    public void Every_endpoint_has_a_distinct_name_and_is_found_by_it()
    {
        Assert.Equal(ApiEndpoints.All.Count, ApiEndpoints.All.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var endpoint in ApiEndpoints.All)
        {
            Assert.Same(endpoint, ApiEndpoints.FindByName(endpoint.Name));
        }

        Assert.Null(ApiEndpoints.FindByName("health"));
    }

    [Fact]
    public void Case_urls_escape_the_case_id()
    {
        Assert.Equal("/api/v1/cases/LYG-20261126-000001", ApiRoutes.CaseUrl("LYG-20261126-000001"));
        Assert.Equal("/api/v1/cases/a%2Fb%3Fc", ApiRoutes.CaseUrl("a/b?c"));
    }
}
