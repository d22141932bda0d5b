using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Lyg.Contracts;

public sealed partial class LygJsonContext
{
    // Built on first use, not in a static initializer: the generated half's Default may not be set yet then. Two
    // threads racing may each build one; either serves.
    private static LygJsonContext? _wire;

    /// <summary>
    /// The contracts as HTTP answers write them: Chinese text as text, where the default encoder writes every non-ASCII
    /// character as a \u escape (three times the bytes, unreadable in logs). HTML-sensitive characters stay escaped.
    /// </summary>
    public static LygJsonContext Wire => _wire ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) });
}
