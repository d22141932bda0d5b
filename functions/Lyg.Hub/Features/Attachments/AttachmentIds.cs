using System.Text.RegularExpressions;

namespace Lyg.Hub.Features.Attachments;

/// <summary>Attachment ids as clients send them with reports and actions: the photos themselves travel separately.</summary>
public static partial class AttachmentIds
{
    /// <summary>WeChat's image picker takes at most 9 photos at a time.</summary>
    public const int MaxCount = 9;

    /// <summary>The field that names attachments in reports and in the actions that take photos.</summary>
    public const string Field = "attachmentIds";

    /// <summary>Adds an error under <paramref name="field"/> when the list is too long or an id is malformed.</summary>
    public static void Check(IReadOnlyList<string>? ids, Dictionary<string, string[]> errors, string field = Field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = ids ?? [];
        if (list.Count > MaxCount)
        {
            errors[field] = [$"At most {MaxCount} attachments."];
        }
        else if (list.Any(id => id is null || !Shape().IsMatch(id)))
        {
            errors[field] = ["Attachment ids are 1 to 64 letters, digits, '-' or '_'."];
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex Shape();
}
