using System.Globalization;
using System.Security.Cryptography;
using Lyg.Contracts;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Processing;

namespace Lyg.Hub.Features.Attachments;

/// <summary>A photo made fit to serve: upright, without metadata, with its thumbnail, and what its EXIF said.</summary>
public sealed record ProcessedPhoto(
    PhotoKind Kind,
    byte[] Served,
    byte[] Thumbnail,
    int Width,
    int Height,
    long OriginalSize,
    string OriginalSha256,
    PhotoExif Exif);

/// <summary>Why an upload is not a photo this hub takes; <see cref="Status"/> 415 for another type, 400 for a broken file.</summary>
public sealed record PhotoRejection(int Status, string Message);

/// <summary>
/// Checks an upload is a whole JPEG, PNG or WebP that decodes, reads the EXIF location and device fields kept for
/// staff, then re-encodes it with the EXIF orientation applied and every profile (EXIF, XMP, IPTC, ICC, PNG text)
/// dropped: the served copy and the thumbnail carry pixels only. The decoder knows these three formats and no others.
/// </summary>
public sealed class PhotoProcessor(IOptions<AttachmentOptions> options)
{
    public const string ThumbnailContentType = "image/jpeg";

    private static readonly Configuration Decoders = new(new JpegConfigurationModule(), new PngConfigurationModule(), new WebpConfigurationModule());

    public (ProcessedPhoto? Photo, PhotoRejection? Rejection) Process(byte[] upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length == 0)
        {
            return Rejected(400, "The photo is empty (0 bytes).");
        }

        if (PhotoFormat.Detect(upload) is not { } kind)
        {
            return Rejected(415, "The bytes are not a JPEG, PNG or WebP image (whatever the Content-Type or file name says).");
        }

        if (!PhotoFormat.IsComplete(upload, kind))
        {
            return Rejected(400, $"The {kind} file is cut short: its end marker is missing. Send the whole file.");
        }

        try
        {
            var info = Image.Identify(Decoders, upload, out _);
            if (info is null)
            {
                return Rejected(400, $"The {kind} file could not be read.");
            }

            if ((long)info.Width * info.Height > options.Value.MaxPixels)
            {
                return Rejected(400, $"The picture has {info.Width}×{info.Height} pixels; at most {options.Value.MaxPixels} are accepted.");
            }

            using var image = Image.Load(Decoders, upload);
            var exif = ExifOf(image.Metadata.ExifProfile);
            image.Mutate(x => x.AutoOrient());
            Strip(image);
            var served = Encode(image, kind);
            var thumbnail = Thumbnail(image);
            return (new ProcessedPhoto(kind, served, thumbnail, image.Width, image.Height, upload.Length, Convert.ToHexStringLower(SHA256.HashData(upload)), exif), null);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return Rejected(400, $"The {kind} file could not be decoded: it is damaged or not a picture.");
        }
    }

    private static (ProcessedPhoto?, PhotoRejection?) Rejected(int status, string message) => (null, new PhotoRejection(status, message));

    private static void Strip(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.IccProfile = null;
        image.Metadata.GetPngMetadata().TextData.Clear();
    }

    private static byte[] Encode(Image image, PhotoKind kind)
    {
        IImageEncoder encoder = kind switch
        {
            PhotoKind.Jpeg => new JpegEncoder { Quality = 85 },
            PhotoKind.Png => new PngEncoder(),
            _ => new WebpEncoder { Quality = 80 },
        };
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    /// <summary>A JPEG of at most the configured longest side, transparent areas on white; smaller pictures keep their size.</summary>
    private byte[] Thumbnail(Image image)
    {
        var longest = options.Value.ThumbnailSize;
        using var thumbnail = image.Clone(x =>
        {
            if (Math.Max(image.Width, image.Height) > longest)
            {
                x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(longest, longest) });
            }

            x.BackgroundColor(Color.White);
        });
        using var output = new MemoryStream();
        thumbnail.Save(output, new JpegEncoder { Quality = 80 });
        return output.ToArray();
    }

    /// <summary>The GPS position (WGS84, as cameras record it), altitude and device fields; null where absent or unreadable.</summary>
    internal static PhotoExif ExifOf(ExifProfile? exif)
    {
        if (exif is null)
        {
            return new PhotoExif(null, null, null, null, null, null);
        }

        var latitude = Degrees(exif.GetValue(ExifTag.GPSLatitude)?.Value, exif.GetValue(ExifTag.GPSLatitudeRef)?.Value, "S");
        var longitude = Degrees(exif.GetValue(ExifTag.GPSLongitude)?.Value, exif.GetValue(ExifTag.GPSLongitudeRef)?.Value, "W");
        var altitude = exif.GetValue(ExifTag.GPSAltitude)?.Value is { Denominator: > 0 } rational
            ? rational.ToDouble() * (exif.GetValue(ExifTag.GPSAltitudeRef)?.Value == 1 ? -1 : 1)
            : (double?)null;
        return new PhotoExif(
            latitude is >= -90 and <= 90 ? latitude : null,
            longitude is >= -180 and <= 180 ? longitude : null,
            altitude is { } a && double.IsFinite(a) ? a : null,
            Text(exif.GetValue(ExifTag.Make)?.Value),
            Text(exif.GetValue(ExifTag.Model)?.Value),
            TakenAt(exif));
    }

    private static double? Degrees(Rational[]? parts, string? reference, string negative)
    {
        if (parts is not { Length: 3 } || parts.Any(p => p.Denominator == 0))
        {
            return null;
        }

        var degrees = parts[0].ToDouble() + (parts[1].ToDouble() / 60) + (parts[2].ToDouble() / 3600);
        return string.Equals(reference?.Trim(), negative, StringComparison.OrdinalIgnoreCase) ? -degrees : degrees;
    }

    /// <summary>EXIF's "yyyy:MM:dd HH:mm:ss" in the camera's local time, with its offset when the camera recorded one.</summary>
    private static string? TakenAt(ExifProfile exif)
    {
        var text = exif.GetValue(ExifTag.DateTimeOriginal)?.Value ?? exif.GetValue(ExifTag.DateTime)?.Value;
        if (!DateTime.TryParseExact(text?.Trim('\0', ' '), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var offset = exif.GetValue(ExifTag.OffsetTimeOriginal)?.Value?.Trim('\0', ' ');
        var iso = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return offset is { Length: 6 } && TimeSpan.TryParseExact(offset.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out _) ? iso + offset : iso;
    }

    private static string? Text(string? value) => value?.Trim('\0', ' ') is { Length: > 0 and <= 128 } trimmed ? trimmed : null;
}
