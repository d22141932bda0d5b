using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lyg.Orchestrations.Codes;

/// <summary>Strict source-generated reading of the code data, like the time data: a typo fails loudly.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CodeData))]
public sealed partial class CodeDataJsonContext : JsonSerializerContext;
