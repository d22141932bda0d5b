namespace Lyg.Testing;

/// <summary>Where the repository and the build outputs of its hosts are, seen from a running test assembly.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string InfraLocal => Path.Combine(Root, "infra", "local");

    /// <summary>Debug or Release: the configuration the tests were built with, which built the hosts too.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <exception cref="InvalidOperationException">The file has not been built.</exception>
    public static string BuildOutput(string projectDirectory, string fileName)
    {
        var path = Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0", fileName);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing; build the solution first.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LygServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LygServerless.sln not found above " + AppContext.BaseDirectory);
    }
}
