using Lyg.Hub.Features.Attachments;
using Lyg.Testing;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;

namespace Lyg.Hub.Tests.Features.Attachments;

public sealed class PhotoProcessorTests
{
    private static readonly PhotoProcessor Processor = new(Options.Create(new AttachmentOptions()));

    public static TheoryData<TestPhotos.Format> Formats => [TestPhotos.Format.Jpeg, TestPhotos.Format.Png, TestPhotos.Format.WebP];

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_served_copy_and_the_thumbnail_carry_no_metadata_and_the_kept_fields_have_it(TestPhotos.Format format)
    {
        var upload = TestPhotos.Create(format);
        using (var original = Image.Load(upload))
        {
            // The test photo really carries what must be stripped.
            Assert.Equal(TestPhotos.Make, original.Metadata.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Make)?.Value);
        }

        Assert.True(TestPhotos.Contains(upload, TestPhotos.Make));

        var (photo, rejection) = Processor.Process(upload);

        Assert.Null(rejection);
        foreach (var copy in new[] { photo!.Served, photo.Thumbnail })
        {
            using var served = Image.Load(copy);
            Assert.Null(served.Metadata.ExifProfile);
            Assert.Null(served.Metadata.XmpProfile);
            Assert.Null(served.Metadata.IptcProfile);
            Assert.Null(served.Metadata.IccProfile);
            Assert.False(TestPhotos.Contains(copy, TestPhotos.Make));
            Assert.False(TestPhotos.Contains(copy, TestPhotos.Model));
            Assert.False(TestPhotos.Contains(copy, TestPhotos.XmpMarker));
            Assert.False(TestPhotos.Contains(copy, TestPhotos.IptcMarker));
        }

        Assert.Equal(TestPhotos.Latitude, photo.Exif.Latitude!.Value, 6);
        Assert.Equal(TestPhotos.Longitude, photo.Exif.Longitude!.Value, 6);
        Assert.Equal(12.5, photo.Exif.Altitude!.Value, 6);
        Assert.Equal(TestPhotos.Make, photo.Exif.Make);
        Assert.Equal(TestPhotos.Model, photo.Exif.Model);
        Assert.Equal("2026-11-30T09:15:42", photo.Exif.TakenAt);
        Assert.Equal(upload.Length, photo.OriginalSize);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(upload)), photo.OriginalSha256);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_served_copy_keeps_its_format(TestPhotos.Format format)
    {
        var (photo, _) = Processor.Process(TestPhotos.Create(format));

        Assert.Equal(format.ToString(), photo!.Kind.ToString());
        Assert.Equal(photo.Kind, PhotoFormat.Detect(photo.Served));
        Assert.Equal(PhotoKind.Jpeg, PhotoFormat.Detect(photo.Thumbnail));
    }

    [Fact]
    public void The_exif_orientation_is_applied_before_it_is_stripped_so_the_photo_stands_upright()
    {
        // Orientation 6: the sensor's 64×48 picture is viewed turned 90° clockwise, 48×64.
        var (photo, _) = Processor.Process(TestPhotos.Create(TestPhotos.Format.Jpeg, 64, 48, orientation: 6));

        using var served = Image.Load(photo!.Served);
        Assert.Equal((48, 64), (served.Width, served.Height));
        Assert.Equal((48, 64), (photo.Width, photo.Height));
        Assert.Null(served.Metadata.ExifProfile);
    }

    [Fact]
    public void A_thumbnail_fits_the_configured_longest_side_and_a_small_photo_is_not_enlarged()
    {
        var (large, _) = Processor.Process(TestPhotos.Create(TestPhotos.Format.Png, 1000, 600));
        var (small, _) = Processor.Process(TestPhotos.Create(TestPhotos.Format.Png, 100, 60));

        using var largeThumbnail = Image.Load(large!.Thumbnail);
        using var smallThumbnail = Image.Load(small!.Thumbnail);
        Assert.Equal((320, 192), (largeThumbnail.Width, largeThumbnail.Height));
        Assert.Equal((100, 60), (smallThumbnail.Width, smallThumbnail.Height));
    }

    [Fact]
    public void A_photo_without_exif_is_taken_with_empty_fields()
    {
        var (photo, rejection) = Processor.Process(TestPhotos.Create(TestPhotos.Format.Jpeg, withMetadata: false));

        Assert.Null(rejection);
        Assert.Equal(new Lyg.Contracts.PhotoExif(null, null, null, null, null, null), photo!.Exif);
    }

    [Fact]
    public void An_empty_file_is_a_bad_request()
    {
        var (_, rejection) = Processor.Process([]);

        Assert.Equal(400, rejection!.Status);
        Assert.Contains("empty", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_is_an_unsupported_type_whatever_it_is_called()
    {
        var (_, rejection) = Processor.Process(TestPhotos.Pdf());

        Assert.Equal(415, rejection!.Status);
    }

    [Fact]
    public void A_gif_is_an_unsupported_type_though_the_decoder_could_read_it()
    {
        var (_, rejection) = Processor.Process("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"u8.ToArray());

        Assert.Equal(415, rejection!.Status);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_file_cut_short_is_a_bad_request(TestPhotos.Format format)
    {
        var whole = TestPhotos.Create(format, 200, 150);

        foreach (var kept in new[] { whole.Length - 2, whole.Length / 2, 16 })
        {
            var (_, rejection) = Processor.Process(whole[..kept]);

            Assert.Equal(400, rejection!.Status);
        }
    }

    [Fact]
    public void A_jpeg_whose_scan_is_garbage_is_a_bad_request()
    {
        // SOI, then a segment whose length runs past the end: structure broken before any scan.
        var (_, rejection) = Processor.Process([0xFF, 0xD8, 0xFF, 0xE0, 0x40, 0x00, 0x01, 0x02, 0xFF, 0xD9]);

        Assert.Equal(400, rejection!.Status);
    }

    [Fact]
    public void A_picture_above_the_pixel_limit_is_refused_before_it_is_decoded()
    {
        var strict = new PhotoProcessor(Options.Create(new AttachmentOptions { MaxPixels = 1000 }));

        var (_, rejection) = strict.Process(TestPhotos.Create(TestPhotos.Format.Png, 64, 48));

        Assert.Equal(400, rejection!.Status);
        Assert.Contains("64×48", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_after_the_jpeg_end_marker_do_not_make_it_incomplete()
    {
        // Some phones append their own trailer after EOI.
        byte[] trailed = [.. TestPhotos.Create(TestPhotos.Format.Jpeg), .. "trailer"u8];

        Assert.True(PhotoFormat.IsComplete(trailed, PhotoKind.Jpeg));
    }
}
