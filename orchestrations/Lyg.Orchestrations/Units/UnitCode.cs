using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Lyg.Orchestrations.Units;

/// <summary>
/// The shape of a unit code. Routing rules name units by it, and it is also the unit's table row key, so the shape keeps out every character a row key
/// forbids ('/', '\', '#', '?') as well as spaces and control characters.
/// </summary>
public static partial class UnitCode
{
    public const string ShapeError = "A unit code is 2 to 32 ASCII letters, digits or '-', starting with a letter or digit.";

    public static bool IsWellFormed([NotNullWhen(true)] string? code) => code is not null && Shape().IsMatch(code);

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9-]{1,31}\z")]
    private static partial Regex Shape();
}
