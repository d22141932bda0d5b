using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Auth;

/// <summary>Section <c>Signing</c>: how signed requests are checked, whichever client sends them.</summary>
public sealed class SigningOptions
{
    public const string Section = "Signing";

    /// <summary>How far a request's timestamp may lie from this host's clock, either way; nonces are kept twice as long.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:15:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest body a signed request may carry: it is read whole to be hashed before the handler runs.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
