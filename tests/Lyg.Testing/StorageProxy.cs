using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Lyg.Testing;

/// <summary>
/// A TCP proxy on a loopback port in front of one storage service, switchable as an outage would be: forwarding,
/// hanging (connections are accepted but nothing is relayed, including on connections already open) or refusing
/// (nothing listens and open connections are reset). Switching back to forwarding recovers without a restart.
/// </summary>
public sealed class StorageProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private TaskCompletionSource _relaying = NewOpenGate();
    private TcpListener? _listener;

    private StorageProxy(int port, int targetPort)
    {
        Port = port;
        _targetPort = targetPort;
    }

    public enum Mode
    {
        Forward,
        Hang,
        Refuse,
    }

    public int Port { get; }

    public Mode Current { get; private set; } = Mode.Forward;

    public static StorageProxy Start(int targetPort)
    {
        var proxy = new StorageProxy(FreePort.Next(), targetPort);
        proxy.Listen();
        return proxy;
    }

    public void Switch(Mode mode)
    {
        lock (_gate)
        {
            if (mode == Current)
            {
                return;
            }

            if (mode == Mode.Forward)
            {
                _relaying.TrySetResult();
            }
            else if (Current == Mode.Forward)
            {
                _relaying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (mode == Mode.Refuse)
            {
                _listener?.Stop();
                _listener = null;
                foreach (var connection in _connections.Keys)
                {
                    Reset(connection);
                }
            }
            else if (_listener is null)
            {
                Listen();
            }

            Current = mode;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        lock (_gate)
        {
            _listener?.Stop();
            _relaying.TrySetResult();
        }

        foreach (var connection in _connections.Keys)
        {
            Reset(connection);
        }

        _stopping.Dispose();
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        _connections[client] = 0;
        using var target = new TcpClient();
        _connections[target] = 0;
        try
        {
            await WaitToRelayAsync();
            await target.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
            var up = PumpAsync(client.GetStream(), target.GetStream());
            var down = PumpAsync(target.GetStream(), client.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection ended, was reset by a switch, or the proxy stopped.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(target, out _);
            client.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stopping.Token)) > 0)
        {
            // A hang stalls data already in flight too, as a storage front end that stops answering does.
            await WaitToRelayAsync();
            await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
        }
    }

    private Task WaitToRelayAsync()
    {
        lock (_gate)
        {
            return _relaying.Task.WaitAsync(_stopping.Token);
        }
    }

    private static void Reset(TcpClient connection)
    {
        // A connection being disposed meanwhile has no socket any more.
        if (connection.Client is not { } socket)
        {
            return;
        }

        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // Already closed.
        }
    }
}
