using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lyg.Hub;

/// <summary>Rule files named in configuration: read once at start, so a malformed one stops the host there.</summary>
internal static class ConfiguredFile
{
    public static T Read<T>(string file, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(File.ReadAllText(file), type) ?? throw new InvalidOperationException($"{file} holds no data.");
}
