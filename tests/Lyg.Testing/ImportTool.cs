namespace Lyg.Testing;

/// <summary>The administrators' import tool (tools/Lyg.Import) run as a child process against a test's storage.</summary>
public static class ImportTool
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <returns>The exit code and everything the tool wrote.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] arguments)
    {
        var assembly = RepositoryPaths.BuildOutput(Path.Combine("tools", "Lyg.Import"), "Lyg.Import.dll");

        using var process = ChildProcess.Start(
            "dotnet", [assembly, .. arguments], Path.GetDirectoryName(assembly)!, new Dictionary<string, string> { ["AzureWebJobsStorage"] = connectionString });
        using var timeout = new CancellationTokenSource(RunTimeout);
        var exitCode = await process.WaitForExitAsync(timeout.Token);
        return (exitCode, process.RecentOutput);
    }
}
