using System.Text.Json;

namespace Lyg.Testing;

/// <summary>The functions.metadata the Worker SDK writes into the Functions app's build output: what `func start` would serve.</summary>
public sealed record FunctionBinding(string Function, string TriggerType, string? Route, IReadOnlyList<string> Methods);

public static class FunctionsMetadata
{
    public static IReadOnlyList<FunctionBinding> Load()
    {
        var path = RepositoryPaths.BuildOutput(Path.Combine("functions", "Lyg.Functions"), "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var triggers = new List<FunctionBinding>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString()!;
                if (!type.EndsWith("Trigger", StringComparison.Ordinal))
                {
                    continue;
                }

                var route = binding.TryGetProperty("route", out var r) ? r.GetString() : null;
                var methods = binding.TryGetProperty("methods", out var m)
                    ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList()
                    : [];
                triggers.Add(new FunctionBinding(name, type, route, methods));
            }
        }

        return triggers;
    }
}
