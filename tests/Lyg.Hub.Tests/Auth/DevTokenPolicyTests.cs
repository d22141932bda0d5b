using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;
using Lyg.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Lyg.Hub.Tests.Auth;

public sealed class DevTokenPolicyTests
{
    [Fact]
    public void Without_the_setting_no_local_tokens_are_issued_even_in_development()
    {
        Assert.False(DevTokenPolicy.IsEnabled(Settings(enabled: null, DevTokenPolicy.SampleSigningKey), Environment(Environments.Development)));
        Assert.False(DevTokenPolicy.IsEnabled(Settings(enabled: false, DevTokenPolicy.SampleSigningKey), Environment(Environments.Development)));
    }

    [Fact]
    public void With_the_setting_in_development_over_the_sample_key_local_tokens_are_issued()
    {
        Assert.True(DevTokenPolicy.IsEnabled(Settings(enabled: true, DevTokenPolicy.SampleSigningKey), Environment(Environments.Development)));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public void The_setting_outside_development_stops_the_host(string environment)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            DevTokenPolicy.IsEnabled(Settings(enabled: true, DevTokenPolicy.SampleSigningKey), Environment(environment)));

        Assert.Contains($"in the {environment} environment", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_setting_beside_a_key_that_is_not_the_sample_stops_the_host()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            DevTokenPolicy.IsEnabled(Settings(enabled: true, DevTokenPolicy.SampleSigningKey, TestJwt.NewKey()), Environment(Environments.Development)));

        Assert.Contains("not the Development sample key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_key_is_the_one_the_development_settings_ship()
    {
        var file = Path.Combine(RepositoryPaths.Root, "functions", "Lyg.Standalone", "appsettings.Development.json");
        var development = new ConfigurationBuilder().AddJsonFile(file).Build();

        Assert.Equal(DevTokenPolicy.SampleSigningKey, development["Auth:Jwt:SigningKeys:0"]);
        Assert.Equal("True", development[DevTokenPolicy.EnabledSetting], ignoreCase: true);
    }

    private static IConfiguration Settings(bool? enabled, params string[] keys)
    {
        var values = new Dictionary<string, string?>();
        if (enabled is { } on)
        {
            values[DevTokenPolicy.EnabledSetting] = on.ToString();
        }

        for (var index = 0; index < keys.Length; index++)
        {
            values[$"Auth:Jwt:SigningKeys:{index}"] = keys[index];
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static HostingEnvironment Environment(string name) => new()
    {
        EnvironmentName = name,
        ApplicationName = "tests",
        ContentRootPath = AppContext.BaseDirectory,
        ContentRootFileProvider = new NullFileProvider(),
    };
}
