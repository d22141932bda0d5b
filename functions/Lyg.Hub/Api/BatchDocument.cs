using System.Text.Json;

namespace Lyg.Hub.Api;

/// <summary>
/// A machine client's batch document: one JSON object holding one array of items (<c>{"readings": […]}</c>,
/// <c>{"positions": […]}</c>), each item read by its feature. Strict JSON: no comments, no trailing commas, at most
/// eight levels deep.
/// </summary>
public static class BatchDocument
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>
    /// The items, or the faults by path (the items then empty; <c>$</c> names a fault of the whole document), and how
    /// many items the document offered (1 when it has no list to count), so that in = stored + rejected.
    /// </summary>
    /// <param name="list">The array's member name, which also names the items in messages.</param>
    /// <param name="readOne">Reads the item at its path (<c>readings[3]</c>) and adds its faults; null when it has any.</param>
    public static (IReadOnlyList<T> Items, IReadOnlyDictionary<string, string[]> Errors, int Offered) Read<T>(
        ReadOnlyMemory<byte> utf8, string list, int maxItems, Func<JsonElement, string, Dictionary<string, string[]>, T?> readOne)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(readOne);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            return ([], new Dictionary<string, string[]> { ["$"] = [$"Not one JSON document: {ex.Message}"] }, 1);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(list, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                return ([], new Dictionary<string, string[]> { [list] = [$"An object with an array of {list} is required."] }, 1);
            }

            var count = array.GetArrayLength();
            if (count is 0 || count > maxItems)
            {
                return ([], new Dictionary<string, string[]> { [list] = [$"1 to {maxItems} {list}."] }, Math.Max(1, count));
            }

            var errors = new Dictionary<string, string[]>();
            var items = new List<T>(count);
            var i = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (readOne(element, $"{list}[{i}]", errors) is { } item)
                {
                    items.Add(item);
                }

                i++;
            }

            return errors.Count > 0 ? ([], errors, count) : (items, errors, count);
        }
    }
}
