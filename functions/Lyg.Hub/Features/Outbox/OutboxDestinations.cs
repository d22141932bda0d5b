using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Outbox;

/// <summary>A destination as the dispatcher uses it: its settings checked and decoded.</summary>
public sealed record OutboxDestination(string Name, Uri Url, string ClientId, byte[] Secret, TimeSpan Timeout, IReadOnlySet<string> Events)
{
    public const string AllEvents = "*";

    public bool Receives(string action) => Events.Contains(AllEvents) || Events.Contains(action);
}

/// <summary>The configured destinations, checked when the host starts (<see cref="OutboxOptionsValidation"/>).</summary>
public sealed class OutboxDestinations(IOptions<OutboxOptions> options)
{
    private readonly Lazy<IReadOnlyList<OutboxDestination>> _all = new(() =>
        [.. options.Value.Destinations.Select(d => From(d.Key, d.Value)).OrderBy(d => d.Name, StringComparer.Ordinal)]);

    public IReadOnlyList<OutboxDestination> All => _all.Value;

    public OutboxDestination? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    private static OutboxDestination From(string name, OutboxDestinationOptions settings) => new(
        name,
        new Uri(settings.Url!, UriKind.Absolute),
        settings.ClientId!,
        Convert.FromBase64String(settings.Secret!),
        settings.Timeout,
        new HashSet<string>(settings.Events, StringComparer.Ordinal));
}

/// <summary>
/// Refuses, at start, settings that would fail only when the first message is due: a destination without a usable URL,
/// client id or secret, a timeout the lease cannot cover, or an event name that no case change ever has.
/// </summary>
public sealed class OutboxOptionsValidation : IValidateOptions<OutboxOptions>
{
    public const int MinSecretBytes = 32;
    public const int MaxClientIdLength = 64;

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var events = CaseEvents.TimelineActions.Append(OutboxDestination.AllEvents).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (destination, settings) in options.Destinations)
        {
            var key = $"{OutboxOptions.Section}:Destinations:{destination}";
            if (!OutboxMessageId.IsName(destination))
            {
                failures.Add($"{key}: a destination name is 1 to 40 lower-case letters, digits and '-', beginning with a letter or digit.");
            }

            if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                failures.Add($"{key}:Url: an absolute http or https URL is required.");
            }

            if (string.IsNullOrEmpty(settings.ClientId) || settings.ClientId.Length > MaxClientIdLength || !settings.ClientId.All(c => c is > ' ' and <= '~'))
            {
                failures.Add($"{key}:ClientId: 1 to {MaxClientIdLength} visible ASCII characters, the client id the destination knows the hub by.");
            }

            var secret = new byte[settings.Secret?.Length ?? 0];
            if (!Convert.TryFromBase64String(settings.Secret ?? "", secret, out var length) || length < MinSecretBytes)
            {
                failures.Add($"{key}:Secret: base64 of at least {MinSecretBytes} bytes is required.");
            }

            if (settings.Timeout < TimeSpan.FromMilliseconds(100) || settings.Timeout > options.LeaseDuration / 3)
            {
                failures.Add($"{key}:Timeout: from 00:00:00.1 to a third of {OutboxOptions.Section}:LeaseDuration ({options.LeaseDuration / 3:c}).");
            }

            foreach (var unknown in settings.Events.Where(e => !events.Contains(e)))
            {
                failures.Add($"{key}:Events: '{unknown}' is no case event. Name any of: {string.Join(", ", events.Order(StringComparer.Ordinal))}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
