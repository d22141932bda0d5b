using System.Text.RegularExpressions;

namespace Lyg.Hub.Features.Codes;

/// <summary>
/// The shape of a component/event category code: 4 digits in GB/T 30428.2-2013, 5 in the 2026 scheme. Whether the
/// code exists in a scheme is checked against the code tables once they are loaded.
/// </summary>
public static partial class CategoryCode
{
    public const string ShapeError = "A category code has 4 digits (GB/T 30428.2-2013) or 5 digits (2026 scheme).";

    public static bool IsWellFormed(string? code) => code is not null && Shape().IsMatch(code);

    [GeneratedRegex(@"\A[0-9]{4,5}\z")]
    private static partial Regex Shape();
}
