using System.Globalization;
using System.Text.Json;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// The times 12345 systems send, in every form seen between cities: ISO 8601 with a zone (<c>2026-12-01T09:30:00+08:00</c>,
/// <c>…Z</c>), without one (<c>2026-12-01T09:30:00</c>, <c>2026-12-01 09:30:00</c>, <c>2026/12/01 09:30</c>: Beijing
/// time, +08:00), or Unix epoch seconds or milliseconds as a JSON number or a numeric string, told apart by magnitude
/// (from 10^11 on, milliseconds: 10^11 seconds would be the year 5138).
/// </summary>
public static class HotlineTime
{
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>Epoch values from here on are milliseconds.</summary>
    private const long MillisecondsFrom = 100_000_000_000;

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyyMMddHHmmss",
    ];

    private static readonly string[] ZonedFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    public const string Formats =
        "ISO 8601 with or without a zone (none is Beijing time), e.g. 2026-12-01T09:30:00+08:00 or 2026-12-01 09:30:00, or Unix epoch seconds or milliseconds.";

    /// <summary>The instant, or null when the value is in none of the forms (an error naming them then belongs to the field).</summary>
    public static DateTimeOffset? Parse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out var epoch) ? FromEpoch(epoch) : null,
        JsonValueKind.String => Parse(value.GetString()!),
        _ => null,
    };

    public static DateTimeOffset? Parse(string text)
    {
        text = text.Trim();
        if (text.Length > 0 && text.All(char.IsAsciiDigit) && text.Length != 14)
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? FromEpoch(epoch) : null;
        }

        // Without a zone first: the zoned formats' K also matches no zone, and would read it as the host's time.
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), BeijingOffset);
        }

        return DateTimeOffset.TryParseExact(text, ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var zoned) ? zoned : null;
    }

    private static DateTimeOffset? FromEpoch(long epoch)
    {
        try
        {
            return epoch < 0 ? null
                : epoch >= MillisecondsFrom ? DateTimeOffset.FromUnixTimeMilliseconds(epoch)
                : DateTimeOffset.FromUnixTimeSeconds(epoch);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
