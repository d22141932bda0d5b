using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lyg.Orchestrations;

/// <summary>Reads a JSON data file embedded in an assembly; a missing resource or a null document fails loudly.</summary>
public static class EmbeddedJson
{
    public static T Read<T>(Assembly assembly, string resourceName, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var json = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' is missing.");
        return JsonSerializer.Deserialize(json, typeInfo) ?? throw new JsonException($"'{resourceName}' holds null.");
    }
}
