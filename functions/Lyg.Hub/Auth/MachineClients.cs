using System.Security.Cryptography;
using System.Text;
using Lyg.Hub.Api;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Auth;

/// <summary>
/// The registry of machine clients, built once from <see cref="MachineClientsOptions"/>; unusable settings are refused
/// (see <see cref="MachineClientsValidation"/>).
/// </summary>
public sealed class MachineClients
{
    private readonly Dictionary<string, MachineClient> _byId;
    private readonly (byte[] KeyHash, MachineClient Client)[] _apiKeys;

    public MachineClients(IOptions<MachineClientsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (MachineClientsValidation.Problems(options.Value) is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(MachineClientsOptions.Section, typeof(MachineClientsOptions), problems);
        }

        _byId = options.Value.Clients.ToDictionary(
            c => c.Key,
            c => new MachineClient(c.Key, c.Value.Kind, [.. c.Value.Secrets.Select(s => JwtOptionsValidation.Decode(s)!)], [.. c.Value.Endpoints]),
            StringComparer.Ordinal);
        _apiKeys = [.. options.Value.Clients.SelectMany(c => c.Value.ApiKeys.Select(key => (HashKey(key), _byId[c.Key])))];
    }

    public MachineClient? Find(string clientId) => _byId.GetValueOrDefault(clientId);

    /// <summary>
    /// The Open311 client an <c>api_key</c> names, or null. Every configured key is compared, each in constant time
    /// over its hash (so keys of any length compare alike), so the answer's timing tells nothing about how close a guess was.
    /// </summary>
    public MachineClient? FindByApiKey(string apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        var presented = HashKey(apiKey);
        MachineClient? found = null;
        foreach (var (keyHash, client) in _apiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(keyHash, presented))
            {
                found = client;
            }
        }

        return found;
    }

    private static byte[] HashKey(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>
/// One machine client: its id, kind, decoded secrets and the endpoints it may call. A class, not a record, so that no
/// generated ToString ever prints its secrets.
/// </summary>
public sealed class MachineClient(string id, string kind, IReadOnlyList<byte[]> secrets, IReadOnlyList<string> endpoints)
{
    public string Id { get; } = id;

    public string Kind { get; } = kind;

    /// <summary>Every secret that verifies its signatures: several while a key rotates.</summary>
    public IReadOnlyList<byte[]> Secrets { get; } = secrets;

    /// <summary>The endpoints it was restricted to; empty when it may call every endpoint that admits its kind.</summary>
    public IReadOnlyList<string> Endpoints { get; } = endpoints;

    public bool MayCall(ApiEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.AllowedRoles.Contains(Kind) && (Endpoints.Count == 0 || Endpoints.Contains(endpoint.Name, StringComparer.Ordinal));
    }

    public override string ToString() => $"{Id} ({Kind})";
}
