namespace Lyg.Import.Tests;

/// <summary>The command line as a script sees it: exit codes and messages, without storage.</summary>
public sealed class CommandRunnerTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lyg-import-cli-");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Without_a_command_the_usage_of_every_command_goes_to_stderr_with_exit_code_2()
    {
        Assert.Equal(ExitCodes.UsageOrIo, await RunAsync());

        foreach (var command in new[] { "places", "components", "cameras", "advertisements", "sample-places", "sample-components", "sign", "replay" })
        {
            Assert.Contains($"  {command} ", _error.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { "unknown" }, "unknown command 'unknown'")]
    [InlineData(new[] { "places" }, "name at least one file to import")]
    [InlineData(new[] { "places", "a.geojson", "--crs", "utm50" }, "--crs must be wgs84, cgcs2000, gcj02 or bd09, not 'utm50'")]
    [InlineData(new[] { "places", "a.geojson", "--tolerance", "some" }, "--tolerance must be a number")]
    [InlineData(new[] { "places", "a.geojson", "--colour", "red" }, "unknown option --colour")]
    [InlineData(new[] { "components", "a.csv", "--x-column", "E" }, "--x-column and --y-column go together")]
    [InlineData(new[] { "components", "a.csv", "--edge-tolerance", "80" }, "--edge-tolerance must be 0 to 50 metres")]
    [InlineData(new[] { "sample-components", "a.csv", "--count", "2.5" }, "--count must be a whole number")]
    [InlineData(new[] { "cameras" }, "name the one cameras file to import")]
    [InlineData(new[] { "advertisements", "a.csv", "--x-column", "E" }, "--x-column and --y-column go together")]
    [InlineData(new[] { "sign", "GET" }, "name the method and the URL")]
    [InlineData(new[] { "replay" }, "name the telemetry URL")]
    [InlineData(new[] { "replay", "http://127.0.0.1:7071/api/v1/telemetry" }, "--client names the gateway client")]
    [InlineData(new[] { "replay", "http://127.0.0.1:7071/api/v1/telemetry", "--client", "dev-gateway" }, "give --file with recorded readings")]
    [InlineData(new[] { "replay", "http://127.0.0.1:7071/api/v1/telemetry", "--client", "dev-gateway", "--generate", "10", "--rate", "0" }, "--rate must be a whole number")]
    [InlineData(new[] { "sign", "GET", "http://127.0.0.1:7071/api/v1/machine/ping" }, "--client names the machine client")]
    [InlineData(new[] { "sign", "GET", "/api/v1/machine/ping", "--client", "dev-video" }, "is not an absolute http or https URL")]
    [InlineData(new[] { "sign", "GE T", "http://127.0.0.1:7071/api/v1/machine/ping", "--client", "dev-video" }, "is not an HTTP method")]
    [InlineData(new[] { "sign", "GET", "http://127.0.0.1:7071/api/v1/machine/ping", "--client", "dev-video", "--secret", "c2hvcnQ=" }, "--secret is base64 of at least 32 bytes")]
    [InlineData(new[] { "sign", "GET", "http://127.0.0.1:7071/api/v1/machine/ping", "--client", "dev-video", "--body", "/nonexistent/body.json" }, "/nonexistent/body.json")]
    public async Task A_wrong_command_line_says_what_is_wrong_and_exits_with_2(string[] args, string expected)
    {
        Assert.Equal(ExitCodes.UsageOrIo, await RunAsync(args));

        Assert.Contains(expected, _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task An_advertisement_file_is_checked_whole_and_a_dry_run_of_a_good_one_writes_nothing()
    {
        var bad = Path.Combine(_directory.FullName, "bad-ads.csv");
        await File.WriteAllTextAsync(bad, "AdID,Kind,Owner,PermitNo,PermitFrom,PermitUntil,X,Y\nad-1,billboard,传媒,P-1,2026-01-01,2025-01-01,119.22,34.59\n");
        var good = Path.Combine(_directory.FullName, "ads.csv");
        await File.WriteAllTextAsync(good, "AdID,Kind,Owner,PermitNo,PermitFrom,PermitUntil,X,Y\nad-1,billboard,传媒,P-1,2026-01-01,2026-12-31,119.22,34.59\n");

        Assert.Equal(ExitCodes.Problems, await RunAsync("advertisements", bad, "--dry-run"));
        Assert.Contains("record 1 (ad-1): PermitUntil: the permit ends before it begins.", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await RunAsync("advertisements", good, "--dry-run"));

        Assert.Contains("valid: 1 advertisements.", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--dry-run: nothing was written.", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_of_a_valid_place_file_validates_without_storage()
    {
        var file = Path.Combine(_directory.FullName, "sample.geojson");
        Assert.Equal(ExitCodes.Success, await RunAsync("sample-places", file));

        Assert.Equal(ExitCodes.Success, await RunAsync("places", file, "--dry-run"));

        Assert.Contains("valid: 6 districts/counties, 18 streets/towns, 54 communities", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--dry-run: nothing was written.", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_place_file_with_problems_lists_them_and_exits_with_1()
    {
        var file = Path.Combine(_directory.FullName, "bad.geojson");
        await File.WriteAllTextAsync(file, """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"320706001001001"},"geometry":{"type":"Polygon","coordinates":[[[119.2,34.6],[119.21,34.6],[119.21,34.61],[119.2,34.6]]]}}
            ]}
            """);

        Assert.Equal(ExitCodes.Problems, await RunAsync("places", file, "--dry-run"));

        Assert.Contains("bad.geojson record 1 (320706001001001): its community 320706001001 is not in the import", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("problems; nothing was written.", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_named_and_exits_with_2()
    {
        var missing = Path.Combine(_directory.FullName, "missing.shp");

        Assert.Equal(ExitCodes.UsageOrIo, await RunAsync("places", missing, "--dry-run"));

        Assert.Contains(missing, _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_components_are_reproducible()
    {
        var first = Path.Combine(_directory.FullName, "first.csv");
        var second = Path.Combine(_directory.FullName, "second.csv");

        await RunAsync("sample-components", first, "--count", "50");
        await RunAsync("sample-components", second, "--count", "50");

        Assert.Equal(51, File.ReadAllLines(first).Length);
        Assert.Equal(await File.ReadAllTextAsync(first), await File.ReadAllTextAsync(second));
    }

    private Task<int> RunAsync(params string[] args) =>
        CommandRunner.RunAsync(Commands.All, args, _output, _error, CancellationToken.None);
}
