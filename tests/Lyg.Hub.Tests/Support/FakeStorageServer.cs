using System.Net;
using Lyg.Hub.Storage;
using Lyg.Testing;
using Microsoft.Extensions.Configuration;

namespace Lyg.Hub.Tests.Support;

/// <summary>
/// A loopback HTTP server standing in for the storage account: every request is answered with one status (and an empty
/// body), or held unanswered to play a hung account.
/// </summary>
public sealed class FakeStorageServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int? _status;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _serving;
    private int _requests;

    /// <param name="status">The status of every answer; null to never answer.</param>
    public FakeStorageServer(int? status)
    {
        _status = status;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The hub's storage account over this server, as the hosts build it from configuration.</summary>
    public StorageAccount Account(string? tryTimeout = null) => AccountAt(Port, tryTimeout);

    /// <summary>The hub's storage account over whatever listens on <paramref name="port"/> (or nothing).</summary>
    public static StorageAccount AccountAt(int port, string? tryTimeout = null) => StorageAccount.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageAccount.SettingName] = AzuriteInstance.ConnectionStringFor(port, port, port),
            [StorageAccount.TryTimeoutSetting] = tryTimeout,
        })
        .Build());

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            Interlocked.Increment(ref _requests);
            if (_status is { } status)
            {
                context.Response.StatusCode = status;
                context.Response.ContentLength64 = 0;
                context.Response.Close();
            }
        }
    }
}
