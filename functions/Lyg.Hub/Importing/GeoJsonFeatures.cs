using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Lyg.Hub.Importing;

/// <summary>
/// Streams the features of a GeoJSON FeatureCollection one at a time through a buffer that grows only to the largest
/// feature, so a file of 10^5 grids is never held whole in memory. A feature whose geometry cannot be built keeps its
/// attributes and carries the reason, so validation reports it with every other problem.
/// </summary>
internal sealed class GeoJsonFeatures : IDisposable
{
    private const int InitialBufferBytes = 64 * 1024;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly JsonSerializerOptions GeometryOptions = new()
    {
        Converters = { new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)) },
    };

    private readonly string _path;
    private readonly FileStream _stream;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private bool _isFinalBlock;
    private bool _isFirstBlock = true;
    private JsonReaderState _state;
    private Position _position;
    private bool _hasFeatures;

    private GeoJsonFeatures(string path)
    {
        _path = path;
        _stream = File.OpenRead(path);
    }

    private enum Position
    {
        BeforeDocument,
        InCollection,
        InFeatures,
        AfterDocument,
    }

    private enum Step
    {
        Continue,
        Feature,
        NeedMoreData,
        End,
    }

    /// <summary>The 1-based number of the last feature read.</summary>
    private long Record { get; set; }

    public static IEnumerable<SourceFeature> Read(string path, IProgress<ImportProgress>? progress)
    {
        var source = Path.GetFileName(path);
        var phase = "read " + source;
        using var features = new GeoJsonFeatures(path);
        while (features.ReadNext() is { } feature)
        {
            yield return feature with { Source = source };
            progress.Tick(phase, features.Record, null);
        }

        progress?.Report(new ImportProgress(phase, features.Record, features.Record));
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>The next feature, or null after the last.</summary>
    private SourceFeature? ReadNext()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _isFinalBlock, _state);
            SourceFeature? read;
            Step step;
            try
            {
                step = Advance(ref reader, out read);
            }
            catch (JsonException ex) when (_isFinalBlock && RestIsUnfinishedJson())
            {
                throw Truncated(ex);
            }
            catch (JsonException ex)
            {
                throw Malformed($"is not valid JSON after feature {Record}: {ex.Message}", ex);
            }

            switch (step)
            {
                case Step.Continue:
                case Step.Feature:
                    _start += (int)reader.BytesConsumed;
                    _state = reader.CurrentState;
                    if (step == Step.Feature)
                    {
                        return read;
                    }

                    break;
                case Step.End:
                    return null;
                default:
                    if (_isFinalBlock)
                    {
                        throw Truncated();
                    }

                    Refill();
                    break;
            }
        }
    }

    /// <summary>
    /// One step through the document: a token of the collection, a skipped foreign member, or one whole feature.
    /// Nothing is consumed when the buffer does not hold the whole step; the caller then reads more and tries again.
    /// </summary>
    private Step Advance(ref Utf8JsonReader reader, out SourceFeature? feature)
    {
        feature = null;
        if (_position == Position.AfterDocument)
        {
            return Step.End;
        }

        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        switch (_position)
        {
            case Position.BeforeDocument:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw NotACollection("a JSON value that is not an object");
                }

                _position = Position.InCollection;
                return Step.Continue;

            case Position.InCollection when reader.TokenType == JsonTokenType.EndObject:
                if (!_hasFeatures)
                {
                    throw NotACollection("an object without a \"features\" array");
                }

                _position = Position.AfterDocument;
                return Step.Continue;

            case Position.InCollection:
                var member = reader.GetString();
                if (!reader.Read())
                {
                    return Step.NeedMoreData;
                }

                switch (member)
                {
                    case "type" when reader.TokenType != JsonTokenType.String || reader.GetString() != "FeatureCollection":
                        throw NotACollection(reader.TokenType == JsonTokenType.String ? $"a GeoJSON {reader.GetString()}" : "an object with a \"type\" that is not text");
                    case "features" when reader.TokenType != JsonTokenType.StartArray:
                        throw NotACollection("an object whose \"features\" is not an array");
                    case "features":
                        _hasFeatures = true;
                        _position = Position.InFeatures;
                        return Step.Continue;
                    default:
                        // A foreign member (name, crs, bbox): skipped whole, or not at all until it is all in the buffer.
                        return reader.TrySkip() ? Step.Continue : Step.NeedMoreData;
                }

            case Position.InFeatures when reader.TokenType == JsonTokenType.EndArray:
                _position = Position.InCollection;
                return Step.Continue;

            case Position.InFeatures when reader.TokenType == JsonTokenType.StartObject:
                var probe = reader;
                if (!probe.TrySkip())
                {
                    return Step.NeedMoreData;
                }

                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    Record++;
                    feature = ToFeature(Record, document.RootElement);
                }

                return Step.Feature;

            default:
                throw Malformed($"holds a {reader.TokenType} in \"features\" after feature {Record}; every entry must be a GeoJSON Feature object.");
        }
    }

    private static SourceFeature ToFeature(long record, JsonElement element)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (element.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                attributes.TryAdd(property.Name, ValueOf(property.Value));
            }
        }

        if (!element.TryGetProperty("geometry", out var geometryElement) || geometryElement.ValueKind == JsonValueKind.Null)
        {
            return new SourceFeature(record, null, attributes);
        }

        try
        {
            return new SourceFeature(record, geometryElement.Deserialize<Geometry>(GeometryOptions), attributes);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return new SourceFeature(record, null, attributes) { GeometryError = ex.Message };
        }
    }

    private static object? ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary>
    /// Whether what is left would be valid JSON if more followed: the reader refuses a final block that ends early
    /// with the same exception as a syntax error, and only this tells "cut short" from "broken".
    /// </summary>
    private bool RestIsUnfinishedJson()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinalBlock: false, _state);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private ImportFileException Truncated(Exception? inner = null) => Malformed(
        _position == Position.BeforeDocument ? "holds no JSON." : $"ends in the middle of the JSON, after feature {Record}: the file is cut short.",
        inner);

    private void Refill()
    {
        if (_start == 0 && _end == _buffer.Length)
        {
            // One feature is larger than the buffer: hold it whole.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _isFinalBlock = read == 0;
        if (_isFirstBlock && _end >= Utf8Bom.Length && _buffer.AsSpan(0, Utf8Bom.Length).SequenceEqual(Utf8Bom))
        {
            _start = Utf8Bom.Length;
        }

        _isFirstBlock = false;
    }

    private ImportFileException NotACollection(string what) =>
        new($"{_path} is {what}, not a GeoJSON FeatureCollection: put the places in a FeatureCollection, one Feature per place with its code and name in \"properties\".");

    private ImportFileException Malformed(string what, Exception? inner = null) =>
        inner is null ? new($"{_path} {what}") : new($"{_path} {what}", inner);
}
