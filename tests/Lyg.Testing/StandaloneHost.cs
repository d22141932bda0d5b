using System.Net.Http.Headers;
using System.Net.Http.Json;
using Lyg.Contracts;

namespace Lyg.Testing;

/// <summary>
/// The standalone host as a real child process on a free loopback port, in Development (so it issues local tokens),
/// over a given storage account and task hub. It can be killed with SIGKILL and started again on the same port.
/// </summary>
public sealed class StandaloneHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly List<HttpClient> _clients = [];
    private ChildProcess? _process;

    private StandaloneHost(int port, IReadOnlyDictionary<string, string> environment)
    {
        Port = port;
        _environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Anonymous = NewClient(null);
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous { get; }

    public string RecentOutput => _process?.RecentOutput ?? "";

    /// <summary>Every line the host writes, as it arrives: for a watcher that must not miss lines the host no longer keeps.</summary>
    public event Action<string>? OutputLine;

    /// <summary>The host's process (the dotnet muxer runs the app in-process), for sampling it in /proc.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The host is not running.");

    /// <inheritdoc cref="ChildProcess.OutputMark"/>
    public long OutputMark => _process?.OutputMark ?? 0;

    /// <inheritdoc cref="ChildProcess.OutputSince"/>
    public IReadOnlyList<string> OutputSince(long mark) => _process?.OutputSince(mark) ?? [];

    /// <param name="settings">Configuration overrides, e.g. <c>CaseWorkflow__RegistrationLimit</c>.</param>
    public static async Task<StandaloneHost> StartAsync(string connectionString, string taskHub, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = connectionString,
            ["TaskHubName"] = taskHub,
            ["Durable__WorkerId"] = "e2e-" + taskHub,
            // The suite places its cases in the synthetic sample city; a test importing places turns this off.
            ["Places__UseSample"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Lyg"] = "Information",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var host = new StandaloneHost(FreePort.Next(), environment);
        await host.StartProcessAsync();
        return host;
    }

    /// <summary>Kills the host with SIGKILL: nothing is flushed, leases are not released.</summary>
    public void KillHard() => _process?.KillHard();

    /// <summary>Starts the host again on the same port and storage, as a supervisor would after a crash.</summary>
    public Task RestartAsync()
    {
        _process?.Dispose();
        return StartProcessAsync();
    }

    /// <summary>A client carrying a Development token for the given person.</summary>
    public async Task<HttpClient> ClientForAsync(string subject, string role, string? unit = null)
    {
        using var response = await Anonymous.PostAsJsonAsync("api/dev/tokens", new DevTokenRequest(subject, [role], unit), LygJsonContext.Default.DevTokenRequest);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync(LygJsonContext.Default.DevTokenResponse)
            ?? throw new InvalidOperationException("Empty token response.");
        return NewClient(token.AccessToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _process?.Dispose();
        await Task.CompletedTask;
    }

    private HttpClient NewClient(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _clients.Add(client);
        return client;
    }

    private async Task StartProcessAsync()
    {
        var assembly = RepositoryPaths.BuildOutput(Path.Combine("functions", "Lyg.Standalone"), "Lyg.Standalone.dll");

        _process = ChildProcess.Start("dotnet", [assembly, "--urls", BaseAddress.ToString().TrimEnd('/')], Path.GetDirectoryName(assembly)!, _environment);
        _process.LineWritten += line => OutputLine?.Invoke(line);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The standalone host exited during start:" + Environment.NewLine + _process.RecentOutput);
            }

            try
            {
                using var health = await Anonymous.GetAsync("api/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The standalone host did not become healthy:" + Environment.NewLine + _process.RecentOutput);
            }

            await Task.Delay(250);
        }
    }
}
