namespace Lyg.Orchestrations.Codes;

/// <summary>The ids of the code schemes the platform ships, and which one a bare category code belongs to.</summary>
public static class CodeSchemes
{
    /// <summary>GB/T 30428.2-2013: 4-digit codes, event majors 01–06 as the city's work plan names them.</summary>
    public const string Gb2013 = "gb2013";

    /// <summary>CJ/T 214-2007 event numbering: the 2013 event majors 04 and 05 swapped.</summary>
    public const string Cj214 = "cj214";

    /// <summary>GB/T 47678.5-2026: 5-digit codes, 2-digit major and 3-digit minor.</summary>
    public const string Gb2026 = "gb2026";

    /// <summary>
    /// Cases carry no scheme, so the length decides: 4 digits are gb2013 (cj214 codes are converted before intake),
    /// 5 digits gb2026; anything else has no scheme.
    /// </summary>
    public static string? OfCategoryCode(string? code) => code?.Length switch
    {
        4 => Gb2013,
        5 => Gb2026,
        _ => null,
    };
}
