using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Lyg.EndToEnd.Tests.Strictness;

/// <summary>
/// HTTP/1.1 over a bare socket, for the broken framings HttpClient will not send: a malformed chunk, a body shorter
/// than its Content-Length, a connection closed in the middle of the body.
/// </summary>
internal static class RawHttp
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends the request and reads the status and content type of the answer.</summary>
    public static async Task<(int Status, string? ContentType)> SendAsync(Uri server, string head, byte[] body)
    {
        using var tcp = await ConnectAndSendAsync(server, head, body);
        var stream = tcp.GetStream();
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        using var answer = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while (!Encoding.ASCII.GetString(answer.ToArray()).Contains("\r\n\r\n", StringComparison.Ordinal)
            && (read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            answer.Write(buffer, 0, read);
        }

        var lines = Encoding.ASCII.GetString(answer.ToArray()).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var contentType = lines.Skip(1).TakeWhile(l => l.Length > 0)
            .FirstOrDefault(l => l.StartsWith("content-type:", StringComparison.OrdinalIgnoreCase))?["content-type:".Length..].Trim();
        return (status, contentType);
    }

    /// <summary>
    /// Sends the request and closes the connection at once, as a client that gave up (a FIN) or crashed (a reset,
    /// <paramref name="reset"/>): no answer can arrive.
    /// </summary>
    public static async Task SendAndCloseAsync(Uri server, string head, byte[] body, bool reset)
    {
        using var tcp = await ConnectAndSendAsync(server, head, body);
        if (reset)
        {
            tcp.Client.LingerState = new LingerOption(true, 0);
        }
        else
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }
    }

    private static async Task<TcpClient> ConnectAndSendAsync(Uri server, string head, byte[] body)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(server.Host, server.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(body);
            await stream.FlushAsync();
            return tcp;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }
}
