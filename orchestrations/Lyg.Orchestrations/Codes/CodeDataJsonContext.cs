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
public sealed partial class CodeDataJsonContext : JsonSerializerContext
{
    internal static CodeData ReadEmbedded()
    {
        const string name = "Lyg.Orchestrations.Codes.Data.codes.json";
        using var json = typeof(CodeDataJsonContext).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        return JsonSerializer.Deserialize(json, Default.CodeData) ?? throw new JsonException($"'{name}' holds null.");
    }
}
