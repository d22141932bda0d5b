using System.Text.RegularExpressions;
using Lyg.Orchestrations.Codes;

namespace Lyg.Hub.Features.Codes;

/// <summary>
/// The one check of a category code on intake: 4 digits must name a category of gb2013 (GB/T 30428.2-2013), 5 digits
/// one of gb2026, in the embedded <see cref="CodeCatalog"/>. A 4-digit code may be a component or an event, so either
/// kind is accepted.
/// </summary>
public static partial class CategoryCode
{
    public const string ShapeError = "A category code has 4 digits (GB/T 30428.2-2013) or 5 digits (2026 scheme).";

    public static bool IsWellFormed(string? code) => code is not null && Shape().IsMatch(code);

    /// <summary>Null for a known code; otherwise why the code is refused.</summary>
    public static string? Check(string? code, CodeCatalog? catalog = null)
    {
        if (!IsWellFormed(code))
        {
            return ShapeError;
        }

        var scheme = CodeSchemes.OfCategoryCode(code)!;
        return (catalog ?? CodeCatalog.Default).IsKnown(scheme, null, code!)
            ? null
            : $"{code} is not a category of scheme {scheme}; GET /api/v1/codes?scheme={scheme} lists them.";
    }

    [GeneratedRegex(@"\A[0-9]{4,5}\z")]
    private static partial Regex Shape();
}
