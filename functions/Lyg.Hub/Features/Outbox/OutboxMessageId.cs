using System.Globalization;
using System.Text.RegularExpressions;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Outbox;

/// <summary>
/// A message's identity: the case, the timeline entry that caused it, its kind and its destination, written
/// <c>{caseId}.{sequence:D5}.{kind}.{destination}</c>. It is the <c>Idempotency-Key</c> of every attempt, and it locates
/// both rows: the message in the case's partition and its pointer in the destination's partition of the Outbox table.
/// </summary>
public sealed partial record OutboxMessageId(string CaseId, int Sequence, string Kind, string Destination)
{
    /// <summary>Row keys of messages in a case's partition begin with this.</summary>
    public const string MessageRowPrefix = "outbox-";

    /// <summary>Destination names and message kinds: lower-case letters, digits and '-', as in a URL or a metric tag.</summary>
    public static bool IsName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The pointer's row key: in case and sequence order, so a case's messages are read in the order they were caused.</summary>
    public string PointerKey => string.Create(CultureInfo.InvariantCulture, $"{CaseId}.{Sequence:D5}.{Kind}");

    public string MessageRowKey => string.Create(CultureInfo.InvariantCulture, $"{MessageRowPrefix}{Sequence:D5}.{Kind}.{Destination}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{CaseId}.{Sequence:D5}.{Kind}.{Destination}");

    /// <summary>The id a pointer row stands for.</summary>
    internal static OutboxMessageId FromPointer(string destination, string pointerKey) =>
        TryParse($"{pointerKey}.{destination}", out var id) ? id : throw new FormatException($"'{pointerKey}' in {destination} is not an outbox pointer key.");

    /// <summary>Reads an id as <see cref="ToString"/> writes it, from the right, so the case id may contain anything a table key can.</summary>
    public static bool TryParse(string? text, out OutboxMessageId id)
    {
        id = null!;
        if (text is null || text.Length > 400)
        {
            return false;
        }

        var destinationDot = text.LastIndexOf('.');
        var kindDot = destinationDot > 0 ? text.LastIndexOf('.', destinationDot - 1) : -1;
        var sequenceDot = kindDot > 0 ? text.LastIndexOf('.', kindDot - 1) : -1;
        if (sequenceDot <= 0)
        {
            return false;
        }

        var caseId = text[..sequenceDot];
        var sequence = text[(sequenceDot + 1)..kindDot];
        var kind = text[(kindDot + 1)..destinationDot];
        var destination = text[(destinationDot + 1)..];
        if (!CaseRowKeys.CanBeKey(caseId) || sequence.Length != 5 || !sequence.All(char.IsAsciiDigit) || !IsName(kind) || !IsName(destination))
        {
            return false;
        }

        id = new OutboxMessageId(caseId, int.Parse(sequence, CultureInfo.InvariantCulture), kind, destination);
        return true;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();
}
