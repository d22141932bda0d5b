using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Auth;

/// <summary>
/// Checks <see cref="MachineClientsOptions"/> when the host starts (registered with ValidateOnStart), so a client that
/// could never authenticate, or could call more than meant, stops the host with the setting named. Messages name
/// settings, never their values: a secret must not reach a log.
/// </summary>
public sealed class MachineClientsValidation : IValidateOptions<MachineClientsOptions>
{
    public const int MaxClientIdLength = 64;
    public const int MinApiKeyLength = 16;
    public const int MaxApiKeyLength = 128;

    public ValidateOptionsResult Validate(string? name, MachineClientsOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem of the settings, each naming its setting; empty when they are usable.</summary>
    public static List<string> Problems(MachineClientsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var apiKeyOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, client) in options.Clients.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var setting = $"{MachineClientsOptions.Section}:{id}";
            if (!IsClientId(id))
            {
                problems.Add($"{setting}: a client id is 1 to {MaxClientIdLength} of the characters A-Z a-z 0-9 . _ -");
            }

            if (!Roles.Machines.Contains(client.Kind))
            {
                problems.Add($"{setting}:Kind must be one of: {string.Join(", ", Roles.Machines.Order(StringComparer.Ordinal))}.");
                continue;
            }

            CheckSecrets(setting, client, problems);
            CheckApiKeys(setting, id, client, apiKeyOwners, problems);
            CheckEndpoints(setting, client, problems);
        }

        return problems;
    }

    /// <summary>1 to 64 characters safe in a header, a log and a table key.</summary>
    public static bool IsClientId(string id) =>
        id.Length is > 0 and <= MaxClientIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>16 to 128 visible ASCII characters.</summary>
    public static bool IsApiKey(string key) =>
        key.Length is >= MinApiKeyLength and <= MaxApiKeyLength && key.All(c => c is >= '!' and <= '~');

    // An Open311 client may hold no secret: it then calls only the endpoints its api_key admits.
    private static void CheckSecrets(string setting, MachineClientSettings client, List<string> problems)
    {
        if (client.Secrets.Count == 0 && client.Kind != Roles.Open311)
        {
            problems.Add($"{setting}:Secrets needs at least one base64 key of {JwtOptionsValidation.MinimumKeyBytes} bytes or more.");
        }

        for (var index = 0; index < client.Secrets.Count; index++)
        {
            var bytes = JwtOptionsValidation.Decode(client.Secrets[index]);
            if (bytes is null)
            {
                problems.Add($"{setting}:Secrets:{index} is not base64.");
            }
            else if (bytes.Length < JwtOptionsValidation.MinimumKeyBytes)
            {
                problems.Add($"{setting}:Secrets:{index} has {bytes.Length} bytes; HMAC-SHA256 needs at least {JwtOptionsValidation.MinimumKeyBytes}.");
            }
        }
    }

    private static void CheckApiKeys(string setting, string id, MachineClientSettings client, Dictionary<string, string> owners, List<string> problems)
    {
        if (client.Kind != Roles.Open311)
        {
            if (client.ApiKeys.Count > 0)
            {
                problems.Add($"{setting}:ApiKeys is only for clients of kind {Roles.Open311}.");
            }

            return;
        }

        if (client.ApiKeys.Count == 0)
        {
            problems.Add($"{setting}:ApiKeys needs at least one key for a client of kind {Roles.Open311}.");
        }

        for (var index = 0; index < client.ApiKeys.Count; index++)
        {
            var key = client.ApiKeys[index];
            if (!IsApiKey(key))
            {
                problems.Add($"{setting}:ApiKeys:{index} must be {MinApiKeyLength} to {MaxApiKeyLength} visible ASCII characters.");
            }
            else if (!owners.TryAdd(key, id) && owners[key] != id)
            {
                problems.Add($"{setting}:ApiKeys:{index} is also a key of {MachineClientsOptions.Section}:{owners[key]}; an api_key must name one client.");
            }
        }
    }

    private static void CheckEndpoints(string setting, MachineClientSettings client, List<string> problems)
    {
        for (var index = 0; index < client.Endpoints.Count; index++)
        {
            var name = client.Endpoints[index];
            if (ApiEndpoints.FindByName(name) is not { } endpoint)
            {
                problems.Add($"{setting}:Endpoints:{index} names '{name}', which is not an endpoint of the catalogue.");
            }
            else if (!endpoint.AllowedRoles.Contains(client.Kind) || endpoint.Scheme is not (ApiScheme.Signature or ApiScheme.Open311Key))
            {
                problems.Add($"{setting}:Endpoints:{index} names {name}, which does not admit clients of kind {client.Kind}.");
            }
        }
    }
}
