using System.Buffers.Binary;

namespace Lyg.Hub.Features.Attachments;

/// <summary>The photo formats accepted, each with its media type.</summary>
public enum PhotoKind
{
    Jpeg,
    Png,
    WebP,
}

/// <summary>
/// What a file is, from its bytes alone — never from the Content-Type or the file name a client sends — and whether
/// it is whole. Decoders are lenient: ImageSharp fills a JPEG cut short with grey and reports success, so the
/// structure is walked to its end marker (JPEG EOI after the last scan, PNG IEND, the RIFF length of WebP) first.
/// </summary>
public static class PhotoFormat
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string MediaType(PhotoKind kind) => kind switch
    {
        PhotoKind.Jpeg => "image/jpeg",
        PhotoKind.Png => "image/png",
        PhotoKind.WebP => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The format the magic number names, or null for anything else (a PDF, an empty file, a GIF).</summary>
    public static PhotoKind? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return PhotoKind.Jpeg;
        }

        if (bytes.StartsWith(PngSignature))
        {
            return PhotoKind.Png;
        }

        return bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? PhotoKind.WebP : null;
    }

    /// <summary>True when the file's structure runs to its end marker: nothing was cut off in transfer.</summary>
    public static bool IsComplete(ReadOnlySpan<byte> bytes, PhotoKind kind) => kind switch
    {
        PhotoKind.Jpeg => JpegComplete(bytes),
        PhotoKind.Png => PngComplete(bytes),
        PhotoKind.WebP => WebPComplete(bytes),
        _ => false,
    };

    /// <summary>
    /// Walks the marker segments from SOI; after each scan header the entropy-coded data runs to the next marker that
    /// is not a stuffed byte (FF 00) or a restart (FF D0–D7). Complete when EOI follows a scan. Segments' lengths skip
    /// the EXIF thumbnail, whose own EOI must not count.
    /// </summary>
    private static bool JpegComplete(ReadOnlySpan<byte> bytes)
    {
        var position = 2;
        var scanned = false;
        while (position + 1 < bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return false;
            }

            var marker = bytes[position + 1];
            position += 2;
            if (marker == 0xFF)
            {
                position--; // fill byte
                continue;
            }

            if (marker == 0xD9)
            {
                return scanned;
            }

            if (marker is 0x01 or >= 0xD0 and <= 0xD7)
            {
                continue;
            }

            if (position + 2 > bytes.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2)
            {
                return false;
            }

            position += length;
            if (marker != 0xDA)
            {
                continue;
            }

            scanned = true;
            while (position + 1 < bytes.Length && !(bytes[position] == 0xFF && bytes[position + 1] is not 0x00 and not (>= 0xD0 and <= 0xD7)))
            {
                position++;
            }
        }

        return false;
    }

    /// <summary>Chunks from the signature on (length, type, data, CRC) until IEND.</summary>
    private static bool PngComplete(ReadOnlySpan<byte> bytes)
    {
        long position = 8;
        while (position + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[(int)position..]);
            var type = bytes.Slice((int)position + 4, 4);
            position += 12L + length;
            if (position > bytes.Length)
            {
                return false;
            }

            if (type.SequenceEqual("IEND"u8))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The RIFF header states the file's length; a file shorter than it was cut off.</summary>
    private static bool WebPComplete(ReadOnlySpan<byte> bytes) =>
        BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) is var riffLength && riffLength >= 4 && 8L + riffLength <= bytes.Length;
}
