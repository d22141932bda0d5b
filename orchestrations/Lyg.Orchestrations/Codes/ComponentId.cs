using System.Diagnostics.CodeAnalysis;
using Lyg.Contracts;

namespace Lyg.Orchestrations.Codes;

/// <summary>
/// A component identifier (部件标识码): 6-digit county-level division (GB/T 2260) + type code + 6-digit sequence.
/// 16 digits in gb2013 (4-digit type), 17 in gb2026 (5-digit type). Whether the type exists is the catalogue's
/// question (<see cref="IsKnownIn"/>), not the parser's.
/// </summary>
public sealed record ComponentId(string Value, string Division, string Scheme, string TypeCode, string Sequence)
{
    public const int DivisionLength = 6;
    public const int SequenceLength = 6;

    public static bool TryParse(string? text, [NotNullWhen(true)] out ComponentId? id)
    {
        id = null;
        var scheme = text?.Length switch
        {
            16 => CodeSchemes.Gb2013,
            17 => CodeSchemes.Gb2026,
            _ => null,
        };
        if (text is null || scheme is null || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        var typeLength = text.Length - DivisionLength - SequenceLength;
        id = new ComponentId(text, text[..DivisionLength], scheme, text.Substring(DivisionLength, typeLength), text[^SequenceLength..]);
        return true;
    }

    /// <summary>Whether the type code names a component of the identifier's scheme.</summary>
    public bool IsKnownIn(CodeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.IsKnown(Scheme, CodeKind.Component, TypeCode);
    }
}
