using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lyg.Hub.Auth;
using Lyg.Hub.Importing;

namespace Lyg.Import;

/// <summary>
/// <c>replay &lt;URL&gt; (--file FILE | --generate N) --client ID</c>: streams sensor readings to POST v1/telemetry at
/// <c>--rate</c> readings a second, <c>--batch</c> readings a request, each request signed as the gateway client
/// (secret as for <c>sign</c>), with a progress display. A recorded file holds one reading a line (JSON lines, the
/// objects of the wire's <c>readings</c> array); a generated stream spreads N readings over <c>--sensors</c> sensors,
/// one minute apart per sensor, ending now, for the water-level sensors <c>sample-sensors</c> writes (import them first). A refused request is reported with the hub's answer and the replay goes on.
/// </summary>
internal sealed class ReplayCommand : ICommand
{
    private const string Phase = "replay";
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    public string Name => "replay";

    public string Usage => "<URL> (--file FILE | --generate N [--sensors N]) --client ID [--secret BASE64 | --settings FILE] [--rate N] [--batch N]";

    public string Summary =>
        "Stream recorded (JSON lines) or generated sensor readings to POST v1/telemetry at --rate readings/s (default 200), "
        + "--batch readings a request (default 100), signed as the gateway client; exit 1 when any request was refused.";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["--client", "--secret", "--settings", "--file", "--generate", "--sensors", "--rate", "--batch"];

    public IReadOnlyCollection<string> Flags { get; } = [];

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count != 1 || !Uri.TryCreate(arguments.Positionals[0], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new UsageException("name the telemetry URL, e.g. replay http://127.0.0.1:7071/api/v1/telemetry --generate 10000 --client dev-gateway.");
        }

        var clientId = arguments.Value("--client") ?? throw new UsageException("--client names the gateway client, e.g. dev-gateway.");
        var rate = Whole(arguments, "--rate", 200, 1, 100_000);
        var batchSize = Whole(arguments, "--batch", 100, 1, 500);
        var (readings, total) = Source(arguments);
        var secret = SignCommand.Secret(arguments, clientId);

        using var client = new HttpClient { Timeout = SendTimeout };
        var progress = ProgressDisplay.ForConsole();
        var started = Stopwatch.GetTimestamp();
        long sent = 0, refused = 0;
        foreach (var batch in readings.Chunk(batchSize))
        {
            var body = Encoding.UTF8.GetBytes("{\"readings\":[" + string.Join(",", batch) + "]}");
            var (accepted, answer) = await SendAsync(client, url, clientId, secret, body, cancellationToken);
            sent += batch.Length;
            if (!accepted)
            {
                refused += batch.Length;
                progress.Finish();
                await output.WriteLineAsync($"refused a batch ending at reading {sent}: {answer}");
            }

            progress.Report(new ImportProgress(Phase, sent, total));

            // Paced by the total sent so far, so a slow request is caught up and the average is the rate asked for.
            var due = TimeSpan.FromSeconds((double)sent / rate) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }
        }

        progress.Finish();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sent {sent:N0} readings in {seconds:F1} s ({sent / Math.Max(seconds, 0.001):N0}/s); {sent - refused:N0} accepted, {refused:N0} refused"));
        return refused == 0 ? ExitCodes.Success : ExitCodes.Problems;
    }

    private static async Task<(bool Accepted, string Answer)> SendAsync(HttpClient client, Uri url, string clientId, byte[] secret, byte[] body, CancellationToken cancellationToken)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add(RequestSignature.ClientHeader, clientId);
        request.Headers.Add(RequestSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(RequestSignature.NonceHeader, nonce);
        request.Headers.Add(RequestSignature.SignatureHeader, RequestSignature.Sign(secret, "POST", url.PathAndQuery, timestamp, nonce, body));
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (true, "");
            }

            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            return (false, string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {problem}"));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CommandFailedException(
                $"{url.GetLeftPart(UriPartial.Authority)} does not answer ({ex.Message}). Start the standalone host: dotnet run --project functions/Lyg.Standalone", ex);
        }
    }

    /// <summary>The readings as JSON objects, lazily, and how many there are.</summary>
    private static (IEnumerable<string> Readings, long Total) Source(CommandArguments arguments)
    {
        var file = arguments.Value("--file");
        var generate = arguments.Value("--generate");
        if ((file is null) == (generate is null))
        {
            throw new UsageException("give --file with recorded readings (JSON lines) or --generate with a number of readings, not both.");
        }

        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new UsageException($"{file} does not exist.");
            }

            return (Recorded(file), File.ReadLines(file).LongCount(line => !string.IsNullOrWhiteSpace(line)));
        }

        var count = Whole(arguments, "--generate", 0, 1, 100_000_000);
        var sensors = Whole(arguments, "--sensors", 100, 1, 1_000_000);
        return (Generated(count, sensors, DateTimeOffset.UtcNow), count);
    }

    /// <summary>Each non-blank line, checked to be one JSON object so that a bad line is named, not sent.</summary>
    private static IEnumerable<string> Recorded(string file)
    {
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("not an object");
                }
            }
            catch (JsonException ex)
            {
                throw new CommandFailedException($"{file} line {number} is not one JSON object: {ex.Message}", ex);
            }

            yield return line.Trim();
        }
    }

    /// <summary>Water levels of <paramref name="sensors"/> sensors, a minute apart per sensor, the last at <paramref name="end"/>.</summary>
    private static IEnumerable<string> Generated(long count, long sensors, DateTimeOffset end)
    {
        var rounds = (count + sensors - 1) / sensors;
        for (long i = 0; i < count; i++)
        {
            var sensor = i % sensors;
            var at = end.AddMinutes(-(rounds - 1 - (i / sensors)));
            var level = 2 + Math.Sin((i / sensors) / 30.0 + sensor) * 0.5;
            yield return string.Create(
                CultureInfo.InvariantCulture, $$$"""{"sensorId":"{{{SampleSensorsCommand.IdOf(sensor)}}}","observedAt":"{{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}}","values":{"waterLevel":{{{level:F3}}}}}""");
        }
    }

    private static int Whole(CommandArguments arguments, string option, int fallback, int min, int max) =>
        arguments.Value(option) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value
        : throw new UsageException($"{option} must be a whole number from {min:N0} to {max:N0}.");
}
