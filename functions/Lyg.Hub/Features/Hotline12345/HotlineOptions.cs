using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>Section <c>Hotline12345</c>: the 12345 channel's personal-data key, category table, feedback and rework policy.</summary>
public sealed class HotlineOptions
{
    public const string Section = "Hotline12345";

    /// <summary>The documented Development sample key, base64 of the text <c>sample-12345-pii-key-dev-only!!!</c>: worthless as a secret, refused elsewhere.</summary>
    public const string SamplePersonalDataKey = "c2FtcGxlLTEyMzQ1LXBpaS1rZXktZGV2LW9ubHkhISE=";

    /// <summary>Base64 AES-256 key that encrypts callers' names and phone numbers at rest; required outside Development.</summary>
    public string? PersonalDataKey { get; set; }

    /// <summary>A JSON category table replacing the built-in Lianyungang sample (same format).</summary>
    public string? CategoryMapFile { get; set; }

    /// <summary>The outbox destination (<c>Outbox:Destinations:{name}</c>) that receives the feedback to 12345.</summary>
    public string FeedbackDestination { get; set; } = "hotline12345";

    /// <summary>Whether a follow-up that finds the caller dissatisfied and the problem unsolved reopens a closed case (重办).</summary>
    public bool ReopenWhenDissatisfiedAndUnsolved { get; set; } = true;

    /// <summary>
    /// What a photo link in the 办结 feedback begins with, the attachment id following: the hub's public address of
    /// attachments, e.g. <c>https://hub.example.cn/api/v1/attachments/</c>. Without it, links are paths on the hub.
    /// </summary>
    public string? PhotoUrlBase { get; set; }
}

/// <summary>
/// Refuses at start what would fail only at the first work order: no key (or the published sample key) outside
/// Development, a key that is not 32 bytes of base64, a photo base that is not an absolute URL.
/// </summary>
public sealed class HotlineOptionsValidation(IHostEnvironment environment) : IValidateOptions<HotlineOptions>
{
    public ValidateOptionsResult Validate(string? name, HotlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var key = $"{HotlineOptions.Section}:{nameof(HotlineOptions.PersonalDataKey)}";
        if (options.PersonalDataKey is null)
        {
            if (!environment.IsDevelopment())
            {
                failures.Add($"{key} is required outside Development: base64 of 32 random bytes (openssl rand -base64 32).");
            }
        }
        else if (PersonalDataProtector.DecodeKey(options.PersonalDataKey) is null)
        {
            failures.Add($"{key}: base64 of exactly 32 bytes is required.");
        }
        else if (options.PersonalDataKey == HotlineOptions.SamplePersonalDataKey && !environment.IsDevelopment())
        {
            failures.Add($"{key} is the published Development sample key; use a key of your own outside Development.");
        }

        if (options.PhotoUrlBase is { } photos && (!Uri.TryCreate(photos, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            failures.Add($"{HotlineOptions.Section}:{nameof(HotlineOptions.PhotoUrlBase)}: an absolute http or https URL is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
