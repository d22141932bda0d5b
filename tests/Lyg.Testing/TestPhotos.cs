using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace Lyg.Testing;

/// <summary>
/// Photos as a phone sends them: a gradient picture carrying EXIF GPS (34°35'46.8"N 119°13'15.6"E, 12.5 m), the
/// device (<see cref="Make"/>, <see cref="Model"/>), the time taken and an orientation, plus XMP and IPTC profiles.
/// </summary>
public static class TestPhotos
{
    public const string Make = "LygTestCam";
    public const string Model = "Phone X1 Pro";
    public const string TakenAt = "2026:11:30 09:15:42";
    public const string XmpMarker = "lyg-xmp-secret";
    public const string IptcMarker = "lyg-iptc-byline";
    public const double Latitude = 34 + (35 / 60.0) + (46.8 / 3600);
    public const double Longitude = 119 + (13 / 60.0) + (15.6 / 3600);

    public enum Format
    {
        Jpeg,
        Png,
        WebP,
    }

    /// <summary>A <paramref name="width"/>×<paramref name="height"/> photo in <paramref name="format"/>; orientation 6 means "rotate 90° clockwise to view".</summary>
    public static byte[] Create(Format format, int width = 64, int height = 48, ushort orientation = 1, bool withMetadata = true)
    {
        using var image = new Image<Rgba32>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 255 / width), (byte)(y * 255 / height), 128);
            }
        }

        if (withMetadata)
        {
            var exif = new ExifProfile();
            exif.SetValue(ExifTag.Make, Make);
            exif.SetValue(ExifTag.Model, Model);
            exif.SetValue(ExifTag.DateTimeOriginal, TakenAt);
            exif.SetValue(ExifTag.Orientation, orientation);
            exif.SetValue(ExifTag.GPSLatitudeRef, "N");
            exif.SetValue(ExifTag.GPSLatitude, [new Rational(34), new Rational(35), new Rational(468, 10)]);
            exif.SetValue(ExifTag.GPSLongitudeRef, "E");
            exif.SetValue(ExifTag.GPSLongitude, [new Rational(119), new Rational(13), new Rational(156, 10)]);
            exif.SetValue(ExifTag.GPSAltitudeRef, (byte)0);
            exif.SetValue(ExifTag.GPSAltitude, new Rational(125, 10));
            image.Metadata.ExifProfile = exif;
            image.Metadata.XmpProfile = new XmpProfile(System.Text.Encoding.UTF8.GetBytes(
                $"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:lyg=\"urn:lyg\" lyg:note=\"{XmpMarker}\"/></rdf:RDF></x:xmpmeta>"));
            var iptc = new IptcProfile();
            iptc.SetValue(IptcTag.Byline, IptcMarker);
            image.Metadata.IptcProfile = iptc;
        }

        IImageEncoder encoder = format switch
        {
            Format.Jpeg => new JpegEncoder { Quality = 90 },
            Format.Png => new PngEncoder(),
            _ => new WebpEncoder(),
        };
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    /// <summary>The start of a PDF: what a file picker hands over when a document is renamed photo.jpg.</summary>
    public static byte[] Pdf() => System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>True when <paramref name="needle"/> occurs anywhere in <paramref name="bytes"/>, as ASCII.</summary>
    public static bool Contains(byte[] bytes, string needle) => bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(needle)) >= 0;
}
