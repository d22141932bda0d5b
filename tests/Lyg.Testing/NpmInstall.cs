namespace Lyg.Testing;

/// <summary>Installs infra/local's pinned Azurite once, even when several test assemblies ask at the same moment.</summary>
public static class NpmInstall
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static async Task EnsureAzuriteAsync()
    {
        var marker = Path.Combine(RepositoryPaths.InfraLocal, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(marker))
        {
            return;
        }

        await InProcess.WaitAsync();
        try
        {
            // An exclusive lock file serialises test processes; the loser finds the install done.
            await using var crossProcess = await AcquireLockAsync(Path.Combine(RepositoryPaths.InfraLocal, ".npm-install.lock"));
            if (File.Exists(marker))
            {
                return;
            }

            using var npm = ChildProcess.Start("npm", ["ci", "--no-audit", "--no-fund"], RepositoryPaths.InfraLocal);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var exitCode = await npm.WaitForExitAsync(timeout.Token);
            if (exitCode != 0 || !File.Exists(marker))
            {
                throw new InvalidOperationException($"npm ci in infra/local failed ({exitCode}):{Environment.NewLine}{npm.RecentOutput}");
            }
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }
}
