using System.Diagnostics.CodeAnalysis;
using Lyg.Contracts;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Api;

/// <summary>
/// One HTTP operation: its function name (also the Functions app's function name), method, route, how callers
/// authenticate and who may call it: people's roles for <see cref="ApiScheme.Bearer"/>, machine kinds
/// (<see cref="Roles.Machines"/>) for <see cref="ApiScheme.Signed"/> and <see cref="ApiScheme.Open311Key"/>.
/// </summary>
public sealed record ApiEndpoint(string Name, string Method, string Route, ApiScheme Scheme, IReadOnlySet<string> AllowedRoles)
{
    public bool IsAnonymous => Scheme == ApiScheme.Anonymous;
}

/// <summary>How the callers of an endpoint authenticate; credentials of another scheme are refused, not ignored.</summary>
public enum ApiScheme
{
    Anonymous,

    /// <summary>People: a bearer JWT.</summary>
    Bearer,

    /// <summary>Machine clients: an HMAC-SHA256 request signature (<see cref="Auth.RequestSignature"/>).</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "A signed request, not a signed integer.")]
    Signed,

    /// <summary>Open311 GeoReport v2 clients: the spec's <c>api_key</c>.</summary>
    Open311Key,
}

/// <summary>Operation names; each is also the name of the Functions app's function that serves it.</summary>
public static class ApiEndpointNames
{
    public const string Health = "Health";
    public const string SubmitReport = "SubmitReport";
    public const string GetCase = "GetCase";
    public const string ApplyCaseAction = "ApplyCaseAction";
    public const string ListCases = "ListCases";
    public const string ListSlips = "ListSlips";
    public const string ListUnits = "ListUnits";
    public const string GetUnit = "GetUnit";
    public const string UpsertUnit = "UpsertUnit";
    public const string Locate = "Locate";
    public const string ListCodes = "ListCodes";
    public const string GetCalendarYear = "GetCalendarYear";
    public const string PutCalendarYear = "PutCalendarYear";
    public const string MachinePing = "MachinePing";

    // The Functions host tries routes in function-name order, not by ASP.NET precedence (azure-functions-host#9876):
    // FindNearestComponents must sort before GetComponent, or v1/components/nearest would reach GetComponent.
    public const string FindNearestComponents = "FindNearestComponents";
    public const string GetComponent = "GetComponent";
}

/// <summary>The catalogue of every HTTP operation both hosts serve.</summary>
public static class ApiEndpoints
{
    private static readonly IReadOnlySet<string> Anyone = new HashSet<string>();

    public static ApiEndpoint Health { get; } = new(ApiEndpointNames.Health, HttpMethods.Get, ApiRoutes.Health, ApiScheme.Anonymous, Anyone);

    public static ApiEndpoint SubmitReport { get; } = new(
        ApiEndpointNames.SubmitReport, HttpMethods.Post, ApiRoutes.Reports, ApiScheme.Bearer, Set(Roles.Citizen, Roles.Inspector));

    public static ApiEndpoint GetCase { get; } = new(ApiEndpointNames.GetCase, HttpMethods.Get, ApiRoutes.Case, ApiScheme.Bearer, Roles.People);

    /// <summary>The route admits anyone who may perform some action; each action then checks its own roles.</summary>
    public static ApiEndpoint ApplyCaseAction { get; } = new(ApiEndpointNames.ApplyCaseAction, HttpMethods.Post, ApiRoutes.CaseAction, ApiScheme.Bearer, Roles.People);

    public static ApiEndpoint ListCases { get; } = new(ApiEndpointNames.ListCases, HttpMethods.Get, ApiRoutes.Cases, ApiScheme.Bearer, Roles.People);

    /// <summary>Supervisors and the center see every slip; unit staff only those addressed to their unit.</summary>
    public static ApiEndpoint ListSlips { get; } = new(
        ApiEndpointNames.ListSlips, HttpMethods.Get, ApiRoutes.Slips, ApiScheme.Bearer, Set(Roles.Supervisor, Roles.ShiftLead, Roles.Dispatcher, Roles.Admin, Roles.Unit));

    public static ApiEndpoint ListUnits { get; } = new(ApiEndpointNames.ListUnits, HttpMethods.Get, ApiRoutes.Units, ApiScheme.Bearer, Roles.Staff);

    public static ApiEndpoint GetUnit { get; } = new(ApiEndpointNames.GetUnit, HttpMethods.Get, ApiRoutes.Unit, ApiScheme.Bearer, Roles.People);

    public static ApiEndpoint UpsertUnit { get; } = new(ApiEndpointNames.UpsertUnit, HttpMethods.Put, ApiRoutes.Unit, ApiScheme.Bearer, Set(Roles.Admin));

    public static ApiEndpoint ListCodes { get; } = new(ApiEndpointNames.ListCodes, HttpMethods.Get, ApiRoutes.Codes, ApiScheme.Bearer, Roles.People);

    /// <summary>Staff place a report on the map before registering or dispatching it.</summary>
    public static ApiEndpoint Locate { get; } = new(ApiEndpointNames.Locate, HttpMethods.Get, ApiRoutes.GeoLocate, ApiScheme.Bearer, Roles.Staff);

    /// <summary>Center staff and unit staff look up the components a report concerns.</summary>
    public static ApiEndpoint GetComponent { get; } = new(ApiEndpointNames.GetComponent, HttpMethods.Get, ApiRoutes.Component, ApiScheme.Bearer, Set([.. Roles.Staff, Roles.Unit]));

    public static ApiEndpoint FindNearestComponents { get; } = new(
        ApiEndpointNames.FindNearestComponents, HttpMethods.Get, ApiRoutes.NearestComponents, ApiScheme.Bearer, Set([.. Roles.Staff, Roles.Unit]));

    /// <summary>Everyone whose work the deadlines drive may read a calendar year; only an administrator loads one.</summary>
    public static ApiEndpoint GetCalendarYear { get; } = new(ApiEndpointNames.GetCalendarYear, HttpMethods.Get, ApiRoutes.CalendarYear, ApiScheme.Bearer, Set([.. Roles.Staff, Roles.Unit]));

    public static ApiEndpoint PutCalendarYear { get; } = new(ApiEndpointNames.PutCalendarYear, HttpMethods.Put, ApiRoutes.CalendarYear, ApiScheme.Bearer, Set(Roles.Admin));

    /// <summary>Integrators test their signing against it before anything else.</summary>
    public static ApiEndpoint MachinePing { get; } = new(ApiEndpointNames.MachinePing, HttpMethods.Get, ApiRoutes.MachinePing, ApiScheme.Signed, Roles.Machines);

    public static IReadOnlyList<ApiEndpoint> All { get; } =
    [
        Health, SubmitReport, ListCases, GetCase, ApplyCaseAction, ListSlips, ListUnits, GetUnit, UpsertUnit, ListCodes, Locate, FindNearestComponents, GetComponent,
        GetCalendarYear, PutCalendarYear, MachinePing,
    ];

    public static ApiEndpoint? FindByName(string name) => All.FirstOrDefault(e => e.Name == name);

    private static HashSet<string> Set(params string[] roles) => new(roles, StringComparer.Ordinal);
}
