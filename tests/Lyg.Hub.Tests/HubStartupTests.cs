using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests;

/// <summary>
/// What both hosts promise at start: settings and rule tables that cannot work stop the host there, with every problem
/// listed, instead of failing the first request that needs them. Storage is never reached by these hosts.
/// </summary>
public sealed class HubStartupTests
{
    [Fact]
    public async Task A_host_without_token_settings_refuses_to_start_naming_each_missing_one()
    {
        using var host = Build(new Dictionary<string, string?>());

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Auth:Jwt:Issuer is required.", ex.Failures);
        Assert.Contains("Auth:Jwt:Audience is required.", ex.Failures);
        Assert.Contains(ex.Failures, f => f.StartsWith("Auth:Jwt:SigningKeys needs at least one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_with_a_short_signing_key_refuses_to_start()
    {
        using var host = Build(Jwt(TestJwt.NewKey(16)));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Auth:Jwt:SigningKeys:0 has 16 bytes; HMAC-SHA256 needs at least 32.", ex.Failures);
    }

    [Fact]
    public async Task A_host_with_an_unusable_machine_client_refuses_to_start_naming_each_setting()
    {
        var settings = Jwt(TestJwt.NewKey());
        settings["MachineClients:gw-1:Kind"] = "sensor";
        settings["MachineClients:12345:Kind"] = "hotline12345";
        settings["MachineClients:12345:Secrets:0"] = TestJwt.NewKey(16);
        settings["MachineClients:12345:Endpoints:0"] = "PushWorkOrder";
        using var host = Build(settings);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "MachineClients:12345:Secrets:0 has 16 bytes; HMAC-SHA256 needs at least 32.",
                "MachineClients:12345:Endpoints:0 names 'PushWorkOrder', which is not an endpoint of the catalogue.",
                "MachineClients:gw-1:Kind must be one of: county, gateway, hotline12345, open311, upstream, video.",
            ],
            ex.Failures);
    }

    [Fact]
    public async Task A_signing_skew_out_of_range_stops_the_host_at_start()
    {
        var settings = Jwt(TestJwt.NewKey());
        settings["Signing:ClockSkew"] = "01:00:00";
        using var host = Build(settings);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(ex.Failures, f => f.Contains("ClockSkew", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_time_limit_table_stops_the_host_at_start()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """{"rules": [ {"scheme": "gb2013", """);
        var settings = Jwt(TestJwt.NewKey());
        settings["CaseWorkflow:TimeLimitRulesFile"] = file;
        using var host = Build(settings);

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => host.StartAsync());
        File.Delete(file);
    }

    [Fact]
    public async Task An_out_of_range_request_budget_stops_the_host_at_start()
    {
        var settings = Jwt(TestJwt.NewKey());
        settings["Api:RequestTimeout"] = "00:00:00";
        using var host = Build(settings);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(ex.Failures, f => f.Contains("RequestTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Duplicate_settings_out_of_range_stop_the_host_at_start_naming_each()
    {
        var settings = Jwt(TestJwt.NewKey());
        settings["Duplicates:RadiusMetres"] = "0";
        settings["Duplicates:Window"] = "00:00:10";
        settings["Duplicates:LookupTimeout"] = "00:01:00";
        settings["Duplicates:MaxFlagged"] = "0";
        using var host = Build(settings);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        foreach (var name in new[] { "RadiusMetres", "Window", "LookupTimeout", "MaxFlagged" })
        {
            Assert.Contains(ex.Failures, f => f.Contains(name, StringComparison.Ordinal));
        }
    }

    private static Dictionary<string, string?> Jwt(string key) => new()
    {
        ["Auth:Jwt:Issuer"] = TestJwt.Issuer,
        ["Auth:Jwt:Audience"] = TestJwt.Audience,
        ["Auth:Jwt:SigningKeys:0"] = key,
    };

    private static IHost Build(Dictionary<string, string?> settings)
    {
        // Storage that is never reached: start fails before any hosted service touches it.
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        // Outside Development the 12345 personal-data key is required too; each test here is about another setting.
        settings.TryAdd("Hotline12345:PersonalDataKey", Convert.ToBase64String(new byte[32]));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddLygHub(builder.Configuration);
        return builder.Build();
    }
}
