using System.Text;

namespace Lyg.Hub.Api;

/// <summary>Field errors (JSON path → messages) as one line of text, where no problem+json answer carries them: a dead letter's reason, an alert's case problem.</summary>
public static class FieldErrors
{
    public static string Describe(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = new StringBuilder();
        foreach (var (field, messages) in errors)
        {
            text.Append(text.Length > 0 ? "; " : "").Append(field).Append(": ").AppendJoin(" ", messages);
        }

        return text.ToString();
    }
}
