using System.Text.RegularExpressions;
using Lyg.Contracts;
using Lyg.Orchestrations.Codes;

namespace Lyg.Hub.Features.Codes;

/// <summary>
/// The one check of a category code on intake: 4 digits must name a category of gb2013 (GB/T 30428.2-2013), 5 digits
/// one of gb2026, in the embedded <see cref="CodeCatalog"/>. A 4-digit code may name a component and an event alike
/// (0101 is 上水井盖 and 私搭乱建); a client says which with a category kind, or the case's kind stays unknown.
/// </summary>
public static partial class CategoryCode
{
    public const string ShapeError = "A category code has 4 digits (GB/T 30428.2-2013) or 5 digits (2026 scheme).";

    /// <summary>Why a category kind sent without a category code is refused.</summary>
    public const string KindWithoutCodeError = "A category kind goes with a category code.";

    public static bool IsWellFormed(string? code) => code is not null && Shape().IsMatch(code);

    /// <summary>Null for a known code (of <paramref name="kind"/> when one is given); otherwise why the code is refused.</summary>
    public static string? Check(string? code, CodeKind? kind = null, CodeCatalog? catalog = null)
    {
        if (!IsWellFormed(code))
        {
            return ShapeError;
        }

        var scheme = CodeSchemes.OfCategoryCode(code)!;
        var known = (catalog ?? CodeCatalog.Default).Find(scheme, null, code!);
        if (known.Count == 0)
        {
            return $"{code} is not a category of scheme {scheme}; GET /api/v1/codes?scheme={scheme} lists them.";
        }

        return kind is { } asked && known.All(e => e.Kind != asked)
            ? $"{code} is not a{(asked == CodeKind.Event ? "n event" : " component")} category of scheme {scheme}: it is {string.Join(", ", known.Select(Describe))}."
            : null;
    }

    /// <summary>The kind the case is of: the one asked, else the only kind the code names, else null (both, and unsaid).</summary>
    public static CodeKind? KindOf(string? code, CodeKind? asked, CodeCatalog? catalog = null)
    {
        if (asked is not null || CodeSchemes.OfCategoryCode(code) is not { } scheme)
        {
            return asked;
        }

        var kinds = (catalog ?? CodeCatalog.Default).Find(scheme, null, code!).Select(e => e.Kind).Distinct().ToList();
        return kinds.Count == 1 ? kinds[0] : null;
    }

    private static string Describe(CodeEntry entry) => $"{entry.Name} ({(entry.Kind == CodeKind.Event ? "event" : "component")})";

    [GeneratedRegex(@"\A[0-9]{4,5}\z")]
    private static partial Regex Shape();
}
