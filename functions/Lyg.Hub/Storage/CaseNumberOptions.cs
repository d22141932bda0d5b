using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Storage;

public sealed class CaseNumberOptions
{
    public const string Section = "CaseNumbers";

    /// <summary>
    /// How many numbers a host takes from the day's counter at once. Larger blocks touch the counter less often under a
    /// storm and leave longer gaps in the ids when a host stops.
    /// </summary>
    [Range(1, 10_000)]
    public int BlockSize { get; set; } = 20;
}
