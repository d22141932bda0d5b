using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lyg.Testing;

/// <summary>
/// A webhook destination on loopback for the outbox tests: a Kestrel app behind a <see cref="StorageProxy"/>, so it can
/// be switched down (connections refused), slow (it takes the message, then answers only after <see cref="SlowDelay"/>),
/// to answer a status of the test's choosing, and back up. It honours the Idempotency-Key as a destination should: a key
/// it has taken is answered 200 again and not taken twice. Every request that reached it is recorded.
/// </summary>
public sealed class DestinationServer : IAsyncDisposable
{
    public const string Path = "/hooks/lyg";

    private readonly WebApplication _app;
    private readonly StorageProxy _proxy;
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();
    private readonly ConcurrentQueue<ReceivedMessage> _taken = new();
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private volatile Behaviour _behaviour = Behaviour.Up;
    private int _status = StatusCodes.Status200OK;
    private string? _retryAfter;

    private DestinationServer(WebApplication app, StorageProxy proxy)
    {
        _app = app;
        _proxy = proxy;
    }

    public enum Behaviour
    {
        Up,
        Down,
        Slow,
        /// <summary>Answers the status given to <see cref="Answer"/> without taking the message.</summary>
        Answering,
    }

    /// <summary>Where the hub should POST: the proxy's port, which refuses while the server is down.</summary>
    public Uri Url => new($"http://127.0.0.1:{_proxy.Port}{Path}");

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Every request that reached the server, repeats included, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> Received => [.. _received];

    /// <summary>The messages taken, each key once, in the order they were first taken.</summary>
    public IReadOnlyList<ReceivedMessage> Taken => [.. _taken];

    public static async Task<DestinationServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        DestinationServer? server = null;
        app.MapPost(Path, (HttpContext http) => server!.ReceiveAsync(http));
        await app.StartAsync();
        server = new DestinationServer(app, StorageProxy.Start(new Uri(app.Urls.Single()).Port));
        return server;
    }

    public void Switch(Behaviour behaviour)
    {
        lock (_gate)
        {
            _proxy.Switch(behaviour == Behaviour.Down ? StorageProxy.Mode.Refuse : StorageProxy.Mode.Forward);
            _behaviour = behaviour;
        }
    }

    /// <summary>Answers every request with <paramref name="status"/> (and a Retry-After, when given) until switched back.</summary>
    public void Answer(int status, string? retryAfter = null)
    {
        lock (_gate)
        {
            _status = status;
            _retryAfter = retryAfter;
            Switch(Behaviour.Answering);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var message = new ReceivedMessage(
            http.Request.Headers["Idempotency-Key"].ToString(),
            body.ToArray(),
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            http.Request.Path + http.Request.QueryString);
        _received.Enqueue(message);

        var behaviour = _behaviour;
        if (behaviour == Behaviour.Answering)
        {
            http.Response.StatusCode = _status;
            if (_retryAfter is not null)
            {
                http.Response.Headers.RetryAfter = _retryAfter;
            }

            await http.Response.WriteAsync("not taken", http.RequestAborted);
            return;
        }

        if (message.IdempotencyKey.Length > 0 && _keys.TryAdd(message.IdempotencyKey, 0))
        {
            _taken.Enqueue(message);
        }

        if (behaviour == Behaviour.Slow)
        {
            // Taken, but the answer comes after the sender gave up: it will try again with the same key.
            await Task.Delay(SlowDelay, http.RequestAborted);
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }
}

/// <summary>A request as the destination received it.</summary>
public sealed record ReceivedMessage(string IdempotencyKey, byte[] Body, IReadOnlyDictionary<string, string> Headers, string PathAndQuery);
