using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Lyg.Orchestrations.Routing;

/// <summary>Source-generated, strict reading of the routing table, so a typo in administrator-maintained rules fails loudly.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(RoutingRuleData))]
public sealed partial class RoutingDataJsonContext : JsonSerializerContext
{
    /// <summary>Reads one of the data files embedded under <c>Routing/Data/</c>.</summary>
    internal static T ReadEmbedded<T>(string fileName, JsonTypeInfo<T> typeInfo)
    {
        var name = $"Lyg.Orchestrations.Routing.Data.{fileName}";
        using var json = typeof(RoutingDataJsonContext).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        return JsonSerializer.Deserialize(json, typeInfo) ?? throw new JsonException($"'{name}' holds null.");
    }
}
