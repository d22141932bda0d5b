using System.Net;
using System.Text.RegularExpressions;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Parity;

/// <summary>Every HTTP route the Functions app declares in functions.metadata is served by the standalone host.</summary>
[Collection(HubSuite.Name)]
public sealed partial class RouteParityTests(HubFixture hub)
{
    public static TheoryData<string, string, string> FunctionsRoutes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var binding in FunctionsMetadata.Load().Where(b => b.TriggerType == "httpTrigger"))
        {
            foreach (var method in binding.Methods)
            {
                data.Add(binding.Function, method, binding.Route!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FunctionsRoutes))]
    public async Task The_standalone_host_serves_the_functions_route(string function, string method, string route)
    {
        var path = "api/" + RouteParameter().Replace(route.Replace("{format}", "json", StringComparison.Ordinal), "LYG-20000101-000000");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await hub.Host.Anonymous.SendAsync(request);

        // Unmatched routes answer 404 or 405; a served route answers (anonymously) 200 or 401, an Open311 route its
        // spec's error list (403 without an api_key, 404 for a service that does not exist).
        var open311Error = route.StartsWith("open311/", StringComparison.Ordinal)
            && (await response.Content.ReadAsStringAsync()).StartsWith("[{\"code\":", StringComparison.Ordinal);
        Assert.True(
            response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized || open311Error,
            $"{function}: {method} /{path} answered {(int)response.StatusCode}");
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
