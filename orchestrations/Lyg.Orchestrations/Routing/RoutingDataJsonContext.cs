using System.Text.Json;
using System.Text.Json.Serialization;

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
public sealed partial class RoutingDataJsonContext : JsonSerializerContext;
