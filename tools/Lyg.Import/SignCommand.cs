using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Lyg.Hub.Auth;
using Microsoft.Extensions.Configuration;

namespace Lyg.Import;

/// <summary>
/// <c>sign &lt;METHOD&gt; &lt;URL&gt; --client ID</c>: signs a request as a machine client does (<see cref="RequestSignature"/>)
/// and prints the four headers, or with <c>--send</c> makes the request and prints the answer, so a newcomer can call
/// every machine endpoint of a local host. The secret is <c>--secret</c>, or the client's first secret in the
/// Development settings, which ship a sample client of every kind.
/// </summary>
internal sealed class SignCommand : ICommand
{
    /// <summary>Where the samples live, from the repository root.</summary>
    public static readonly string DevelopmentSettings = Path.Combine("functions", "Lyg.Standalone", "appsettings.Development.json");

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    public string Name => "sign";

    public string Usage => "<METHOD> <URL> --client ID [--secret BASE64 | --settings FILE] [--body FILE] [--content-type TYPE] [--send]";

    public string Summary =>
        "Sign a request as a machine client and print its X-Lyg-* headers, or with --send make it and print the answer (exit 1 when refused); "
        + $"without --secret, the client's secret is read from {DevelopmentSettings} (or --settings).";

    public IReadOnlyCollection<string> ValueOptions { get; } = ["--client", "--secret", "--settings", "--body", "--content-type"];

    public IReadOnlyCollection<string> Flags { get; } = ["--send"];

    public async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Positionals.Count != 2)
        {
            throw new UsageException("name the method and the URL, e.g. sign GET http://127.0.0.1:7071/api/v1/machine/ping --client dev-gateway.");
        }

        var method = arguments.Positionals[0].ToUpperInvariant();
        if (method.Length == 0 || !method.All(char.IsAsciiLetterUpper))
        {
            throw new UsageException($"'{arguments.Positionals[0]}' is not an HTTP method such as GET or POST.");
        }

        if (!Uri.TryCreate(arguments.Positionals[1], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"'{arguments.Positionals[1]}' is not an absolute http or https URL.");
        }

        var clientId = arguments.Value("--client") ?? throw new UsageException("--client names the machine client, e.g. dev-gateway.");
        var secret = Secret(arguments, clientId);
        var body = arguments.Value("--body") is { } file ? await File.ReadAllBytesAsync(file, cancellationToken) : [];
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

        // HttpClient sends the URL's escaped path and query; that is the text the hub verifies.
        var headers = new (string Name, string Value)[]
        {
            (RequestSignature.ClientHeader, clientId),
            (RequestSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
            (RequestSignature.NonceHeader, nonce),
            (RequestSignature.SignatureHeader, RequestSignature.Sign(secret, method, url.PathAndQuery, timestamp, nonce, body)),
        };
        if (!arguments.Has("--send"))
        {
            foreach (var (name, value) in headers)
            {
                await output.WriteLineAsync($"{name}: {value}");
            }

            return ExitCodes.Success;
        }

        return await SendAsync(new HttpMethod(method), url, headers, body, arguments.Value("--content-type") ?? "application/json", output, cancellationToken);
    }

    private static async Task<int> SendAsync(
        HttpMethod method, Uri url, (string Name, string Value)[] headers, byte[] body, string contentType, TextWriter output, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = SendTimeout };
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } };
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
            await output.WriteLineAsync(await response.Content.ReadAsStringAsync(cancellationToken));
            return response.IsSuccessStatusCode ? ExitCodes.Success : ExitCodes.Problems;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CommandFailedException(
                $"{url.GetLeftPart(UriPartial.Authority)} does not answer ({ex.Message}). Start the standalone host: dotnet run --project functions/Lyg.Standalone", ex);
        }
    }

    /// <summary>The decoded secret: <c>--secret</c>, else the client's first in the settings file.</summary>
    internal static byte[] Secret(CommandArguments arguments, string clientId)
    {
        if (arguments.Value("--secret") is { } given)
        {
            return JwtOptionsValidation.Decode(given) is { Length: >= JwtOptionsValidation.MinimumKeyBytes } bytes
                ? bytes
                : throw new UsageException($"--secret is base64 of at least {JwtOptionsValidation.MinimumKeyBytes} bytes.");
        }

        var file = arguments.Value("--settings") ?? FindDevelopmentSettings()
            ?? throw new UsageException($"give --secret, or --settings with the file holding {MachineClientsOptions.Section}: {DevelopmentSettings} was not found above this directory.");
        var clients = new MachineClientsOptions();
        new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(file)).Build().GetSection(MachineClientsOptions.Section).Bind(clients.Clients);
        if (!clients.Clients.TryGetValue(clientId, out var settings))
        {
            throw new UsageException($"{file} has no client {clientId}; it has: {string.Join(", ", clients.Clients.Keys.Order(StringComparer.Ordinal))}.");
        }

        return settings.Secrets.Count > 0 && JwtOptionsValidation.Decode(settings.Secrets[0]) is { Length: >= JwtOptionsValidation.MinimumKeyBytes } secret
            ? secret
            : throw new UsageException($"{file}: {MachineClientsOptions.Section}:{clientId}:Secrets:0 is missing or not base64 of at least {JwtOptionsValidation.MinimumKeyBytes} bytes.");
    }

    /// <summary>The Development settings above the working directory, or above the tool itself (run from its build output).</summary>
    private static string? FindDevelopmentSettings()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, DevelopmentSettings);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
