using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>The wire vocabulary of a case's state (design.md §6).</summary>
[JsonConverter(typeof(WireEnumConverter<CaseState>))]
public enum CaseState
{
    [JsonStringEnumMemberName("reported")]
    Reported,
    [JsonStringEnumMemberName("registered")]
    Registered,
    [JsonStringEnumMemberName("voided")]
    Voided,
    [JsonStringEnumMemberName("dispatched")]
    Dispatched,
    [JsonStringEnumMemberName("accepted")]
    Accepted,
    [JsonStringEnumMemberName("returned")]
    Returned,
    [JsonStringEnumMemberName("handled")]
    Handled,
    [JsonStringEnumMemberName("closed")]
    Closed,
    [JsonStringEnumMemberName("suspended")]
    Suspended,
    /// <summary>并单: merged into another case (the main case), which is handled in its stead; the end of this case's own loop.</summary>
    [JsonStringEnumMemberName("merged")]
    Merged,
}
