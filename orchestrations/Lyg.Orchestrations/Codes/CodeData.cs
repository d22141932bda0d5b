using System.Text.Json.Serialization;
using Lyg.Contracts;

namespace Lyg.Orchestrations.Codes;

/// <summary>
/// The code schemes and the mappings between them as stored (embedded default: <c>Codes/Data/codes.json</c>,
/// generated once from the reference CSV and maintained as data since).
/// </summary>
public sealed record CodeData(IReadOnlyList<CodeSchemeData> Schemes, IReadOnlyList<CodeMappingData> Mappings);

/// <summary>One versioned scheme; <see cref="Source"/> says where its rows come from, so they can be checked.</summary>
public sealed record CodeSchemeData(string Id, string Title, string Source, IReadOnlyList<CodeMajorData> Majors);

/// <summary>A major class (大类) of one kind and its subclasses (小类).</summary>
public sealed record CodeMajorData(CodeKind Kind, string Code, string Name, IReadOnlyList<CodeEntryData> Entries);

public sealed record CodeEntryData(string Code, string Name, CodeConfidence Confidence);

/// <summary>Pairs of equivalent codes from one scheme to another; each pair also maps back.</summary>
public sealed record CodeMappingData(string From, string To, IReadOnlyList<CodePairData> Pairs);

public sealed record CodePairData(CodeKind Kind, string From, string To);

/// <summary>How far a row can be trusted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CodeConfidence>))]
public enum CodeConfidence
{
    /// <summary>Transcribed from a published source.</summary>
    [JsonStringEnumMemberName("transcribed")]
    Transcribed,
    /// <summary>Common in products but not found in the standard's text.</summary>
    [JsonStringEnumMemberName("provisional")]
    Provisional,
}
