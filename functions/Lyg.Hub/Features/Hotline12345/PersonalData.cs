using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lyg.Contracts;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// Encrypts a 12345 caller's name and phone at rest with AES-256-GCM under <c>Hotline12345:PersonalDataKey</c> (the
/// Development sample key when none is set there). A sealed value is base64 of version, nonce, tag and ciphertext; the
/// work order it belongs to is authenticated with it, so a sealed caller copied onto another order does not open.
/// </summary>
public sealed class PersonalDataProtector(IOptions<HotlineOptions> options)
{
    private const byte Version = 1;
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly Lazy<byte[]> _key = new(() => DecodeKey(options.Value.PersonalDataKey ?? HotlineOptions.SamplePersonalDataKey)
        ?? throw new InvalidOperationException($"{HotlineOptions.Section}:{nameof(HotlineOptions.PersonalDataKey)} is not base64 of {KeyBytes} bytes."));

    public static byte[]? DecodeKey(string base64)
    {
        var key = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, key, out var length) && length == KeyBytes ? key[..KeyBytes] : null;
    }

    public string Seal(HotlineCaller caller, string context)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var plain = Encoding.UTF8.GetBytes($"{caller.Name}\n{caller.Phone}");
        var sealedBytes = new byte[1 + NonceBytes + TagBytes + plain.Length];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + NonceBytes, TagBytes), Encoding.UTF8.GetBytes(context));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">The value was sealed under another key or for another work order, or altered.</exception>
    public HotlineCaller Open(string sealedValue, string context)
    {
        var bytes = Convert.FromBase64String(sealedValue);
        if (bytes.Length < 1 + NonceBytes + TagBytes || bytes[0] != Version)
        {
            throw new CryptographicException("Not a sealed value of this version.");
        }

        var plain = new byte[bytes.Length - 1 - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key.Value, TagBytes);
        aes.Decrypt(bytes.AsSpan(1, NonceBytes), bytes.AsSpan(1 + NonceBytes + TagBytes), bytes.AsSpan(1 + NonceBytes, TagBytes), plain, Encoding.UTF8.GetBytes(context));
        var parts = Encoding.UTF8.GetString(plain).Split('\n', 2);
        return new HotlineCaller(parts[0].Length == 0 ? null : parts[0], parts[1].Length == 0 ? null : parts[1]);
    }
}

/// <summary>
/// How personal data appears wherever it must not be read: logs, other roles' views, messages sent upward. A name keeps
/// its first character (张**), a phone number its first three and last four digits (138****5678), as 12345 systems
/// show them; shorter numbers keep less.
/// </summary>
public static class PersonalDataMask
{
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        // Text elements, so a character outside the BMP (𠀀) counts as one.
        var letters = new StringInfo(name.Trim());
        return letters.SubstringByTextElements(0, 1) + new string('*', Math.Max(1, letters.LengthInTextElements - 1));
    }

    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return phone;
        }

        var digits = phone.Trim();
        return digits.Length switch
        {
            >= 11 => digits[..3] + new string('*', digits.Length - 7) + digits[^4..],
            >= 7 => digits[..2] + new string('*', digits.Length - 4) + digits[^2..],
            _ => new string('*', digits.Length),
        };
    }

    public static HotlineCaller? Caller(HotlineCaller? caller) => caller is null ? null : new HotlineCaller(Name(caller.Name), Phone(caller.Phone));
}
