using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Attachments;

/// <summary>Section <c>Attachments</c>: how large a photo may be, where photos are kept, how large thumbnails are.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>The largest photo accepted, in bytes (10 MB): a phone camera's full-size JPEG fits.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The largest picture accepted, in pixels: a small file can declare a huge picture (a decompression bomb), and the
    /// decoder would allocate 4 bytes per pixel for it. 50 megapixels is above every phone camera's default.
    /// </summary>
    [Range(1, 200_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>The blob container of the photos (lower-case letters, digits and '-', 3 to 63 characters).</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "attachments";

    /// <summary>The longest side of a thumbnail, in pixels.</summary>
    [Range(32, 2048)]
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>
    /// How long a photo no report or action has named is kept: the mini-program names its uploads within minutes, and
    /// a photo left behind (a report abandoned after the upload) is deleted by the daily maintenance after this.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan UnboundRetention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a browser or the mini-program may keep a served copy: it never changes under its URL.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromDays(1);
}
