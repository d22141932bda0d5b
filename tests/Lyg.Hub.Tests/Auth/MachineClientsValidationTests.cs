using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;
using Lyg.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using static Lyg.Hub.Tests.Support.TestMachines;

namespace Lyg.Hub.Tests.Auth;

/// <summary>The registry's settings, checked at start: each unusable one named, no secret value ever in a message.</summary>
public sealed class MachineClientsValidationTests
{
    private static readonly string Secret = TestJwt.NewKey();

    [Fact]
    public void A_client_of_every_kind_with_usable_settings_passes()
    {
        var options = Options([.. Roles.Machines.Select(kind => ($"client-{kind}", Client(kind, [Secret], apiKeys: kind == Roles.Open311 ? ["open311-key-0123456789"] : null)))]);

        Assert.Empty(MachineClientsValidation.Problems(options));
    }

    public static TheoryData<string, MachineClientSettings, string> Unusable() => new()
    {
        { "gw-1", Client("robot", [Secret]), "MachineClients:gw-1:Kind must be one of: county, gateway, hotline12345, open311, upstream, video." },
        { "gw-1", Client("", [Secret]), "MachineClients:gw-1:Kind must be one of: county, gateway, hotline12345, open311, upstream, video." },
        { "gw-1", Client("Gateway", [Secret]), "MachineClients:gw-1:Kind must be one of: county, gateway, hotline12345, open311, upstream, video." },
        { "gw-1", Client(Roles.Gateway), "MachineClients:gw-1:Secrets needs at least one base64 key of 32 bytes or more." },
        { "gw-1", Client(Roles.Gateway, [Secret, "not base64!"]), "MachineClients:gw-1:Secrets:1 is not base64." },
        { "gw-1", Client(Roles.Gateway, [TestJwt.NewKey(31)]), "MachineClients:gw-1:Secrets:0 has 31 bytes; HMAC-SHA256 needs at least 32." },
        { "gw-1", Client(Roles.Gateway, [""]), "MachineClients:gw-1:Secrets:0 has 0 bytes; HMAC-SHA256 needs at least 32." },
        { "gw-1", Client(Roles.Gateway, [Secret], endpoints: ["SubmitWorkOrder"]), "MachineClients:gw-1:Endpoints:0 names 'SubmitWorkOrder', which is not an endpoint of the catalogue." },
        { "gw-1", Client(Roles.Gateway, [Secret], endpoints: ["machineping"]), "MachineClients:gw-1:Endpoints:0 names 'machineping', which is not an endpoint of the catalogue." },
        { "gw-1", Client(Roles.Gateway, [Secret], endpoints: [ApiEndpointNames.MachinePing, ApiEndpointNames.ListCases]), "MachineClients:gw-1:Endpoints:1 names ListCases, which does not admit clients of kind gateway." },
        { "gw-1", Client(Roles.Gateway, [Secret], endpoints: [ApiEndpointNames.Health]), "MachineClients:gw-1:Endpoints:0 names Health, which does not admit clients of kind gateway." },
        { "gw-1", Client(Roles.Gateway, [Secret], apiKeys: ["open311-key-0123456789"]), "MachineClients:gw-1:ApiKeys is only for clients of kind open311." },
        { "app-1", Client(Roles.Open311, [Secret]), "MachineClients:app-1:ApiKeys needs at least one key for a client of kind open311." },
        { "app-1", Client(Roles.Open311, apiKeys: ["short-key"]), "MachineClients:app-1:ApiKeys:0 must be 16 to 128 visible ASCII characters." },
        { "app-1", Client(Roles.Open311, apiKeys: ["a key with spaces in it"]), "MachineClients:app-1:ApiKeys:0 must be 16 to 128 visible ASCII characters." },
        { "has space", Client(Roles.Gateway, [Secret]), "MachineClients:has space: a client id is 1 to 64 of the characters A-Z a-z 0-9 . _ -" },
        { "网关", Client(Roles.Gateway, [Secret]), "MachineClients:网关: a client id is 1 to 64 of the characters A-Z a-z 0-9 . _ -" },
        { new string('g', 65), Client(Roles.Gateway, [Secret]), $"MachineClients:{new string('g', 65)}: a client id is 1 to 64 of the characters A-Z a-z 0-9 . _ -" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void An_unusable_setting_is_named(string id, MachineClientSettings client, string problem)
    {
        var problems = MachineClientsValidation.Problems(Options((id, client)));

        Assert.Equal([problem], problems);
        Assert.All(problems, p => Assert.DoesNotContain(Secret, p, StringComparison.Ordinal));
    }

    [Fact]
    public void An_api_key_of_two_clients_is_refused_because_it_would_name_neither()
    {
        var problems = MachineClientsValidation.Problems(Options(
            ("app-1", Client(Roles.Open311, apiKeys: ["shared-key-0123456789"])),
            ("app-2", Client(Roles.Open311, apiKeys: ["shared-key-0123456789"]))));

        Assert.Equal(["MachineClients:app-2:ApiKeys:0 is also a key of MachineClients:app-1; an api_key must name one client."], problems);
        Assert.DoesNotContain("shared-key", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_open311_client_may_hold_a_secret_to_sign_requests_beside_its_api_key()
    {
        Assert.Empty(MachineClientsValidation.Problems(Options(("app-1", Client(Roles.Open311, [Secret], apiKeys: ["open311-key-0123456789"])))));
    }

    [Fact]
    public void The_registry_refuses_unusable_settings_as_the_host_start_does()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Registry(("gw-1", Client(Roles.Gateway, ["AAAA"]))));

        Assert.Equal(["MachineClients:gw-1:Secrets:0 has 3 bytes; HMAC-SHA256 needs at least 32."], ex.Failures);
    }

    [Fact]
    public void The_registry_binds_from_configuration_keys_and_never_prints_a_secret()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MachineClients:gw-1:Kind"] = Roles.Gateway,
            ["MachineClients:gw-1:Secrets:0"] = Secret,
            ["MachineClients:gw-1:Secrets:1"] = TestJwt.NewKey(),
            ["MachineClients:gw-1:Endpoints:0"] = ApiEndpointNames.MachinePing,
            ["MachineClients:app-1:Kind"] = Roles.Open311,
            ["MachineClients:app-1:ApiKeys:0"] = "open311-key-0123456789",
        }).Build();
        var options = new MachineClientsOptions();
        configuration.GetSection(MachineClientsOptions.Section).Bind(options.Clients);

        var clients = new MachineClients(Microsoft.Extensions.Options.Options.Create(options));

        var gateway = clients.Find("gw-1")!;
        Assert.Equal((Roles.Gateway, 2), (gateway.Kind, gateway.Secrets.Count));
        Assert.Equal([ApiEndpointNames.MachinePing], gateway.Endpoints);
        Assert.Equal(Convert.FromBase64String(Secret), gateway.Secrets[0]);
        Assert.Equal("gw-1 (gateway)", gateway.ToString());
        Assert.Same(clients.Find("app-1"), clients.FindByApiKey("open311-key-0123456789"));
        Assert.Null(clients.FindByApiKey("open311-key-012345678"));
        Assert.Null(clients.Find("GW-1"));
    }

    [Fact]
    public void The_development_settings_have_a_usable_sample_client_of_every_kind_and_so_does_the_functions_sample()
    {
        var development = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "functions", "Lyg.Standalone", "appsettings.Development.json"))
            .Build();
        var functionsSample = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")).Build().GetSection("Values");
        var functionsValues = new ConfigurationBuilder()
            .AddInMemoryCollection(functionsSample.AsEnumerable(makePathsRelative: true).Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();

        foreach (var configuration in new IConfiguration[] { development, functionsValues })
        {
            var options = new MachineClientsOptions();
            configuration.GetSection(MachineClientsOptions.Section).Bind(options.Clients);

            Assert.Empty(MachineClientsValidation.Problems(options));
            Assert.Equal(Roles.Machines.Order(StringComparer.Ordinal), options.Clients.Values.Select(c => c.Kind).Order(StringComparer.Ordinal));
            Assert.All(options.Clients, c => Assert.Equal("dev-" + c.Value.Kind, c.Key));
            Assert.All(options.Clients.Values, c => Assert.Single(c.Secrets));
            Assert.Single(options.Clients["dev-open311"].ApiKeys);
        }
    }
}
