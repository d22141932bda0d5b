using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lyg.Orchestrations.Time;

/// <summary>
/// Source-generated reading of the calendar and rule data: camelCase, and strict (a missing required member, a null
/// list or an unknown member fails), so that a typo in administrator-maintained data fails loudly instead of being
/// ignored.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CalendarData))]
[JsonSerializable(typeof(TimeLimitRuleData))]
public sealed partial class TimeDataJsonContext : JsonSerializerContext;
