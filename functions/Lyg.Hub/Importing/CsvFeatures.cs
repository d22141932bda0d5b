using System.Globalization;
using System.Text.Unicode;
using CsvHelper;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Importing;

/// <summary>
/// The two columns of a CSV file that hold a record's point: longitude (x) and latitude (y), in degrees.
/// </summary>
public sealed record CsvPointColumns(string X, string Y)
{
    /// <summary>The pairs looked for, in this order, when none is named: X/Y, then lon/lat (any case).</summary>
    public static IReadOnlyList<CsvPointColumns> Usual { get; } = [new("X", "Y"), new("lon", "lat")];

    public override string ToString() => $"{X}/{Y}";
}

/// <summary>
/// Streams the records of a CSV table of points (UTF-8, a header row, the separator detected among , ; tab |): every
/// column becomes a text attribute named by its header, and the point comes from the coordinate columns. A record
/// whose coordinates are both blank has no geometry; one whose coordinates do not read as numbers carries the reason,
/// so validation reports it with every other problem. Records are numbered by data row, the header not counted.
/// </summary>
internal static class CsvFeatures
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
    };

    /// <summary>Checks the header and finds the point's columns now; the records are read when enumerated.</summary>
    public static IEnumerable<SourceFeature> Read(string path, CsvPointColumns? columns, IProgress<ImportProgress>? progress)
    {
        using var csv = Open(path);
        var header = Header(path, csv);
        var (x, y) = PointColumns(path, header, columns);
        return ReadRecords(path, header, x, y, progress);
    }

    private static IEnumerable<SourceFeature> ReadRecords(string path, IReadOnlyList<string> header, int x, int y, IProgress<ImportProgress>? progress)
    {
        var source = Path.GetFileName(path);
        var phase = "read " + source;
        using (var csv = Open(path))
        {
            Header(path, csv);
            while (Next(path, csv))
            {
                // A line of blanks (often the last, often only separators) is no record.
                if (Enumerable.Range(0, csv.FieldCount).All(i => string.IsNullOrWhiteSpace(csv.GetString(i))))
                {
                    continue;
                }

                if (csv.FieldCount != header.Count)
                {
                    throw new ImportFileException(
                        $"{path} record {csv.RowNumber} has {csv.FieldCount} fields but the header has {header.Count}: a separator too many or too few, or a value with the separator in it that is not in quotes.");
                }

                if (!Utf8.IsValid(csv.RawRecord))
                {
                    throw NotUtf8(path, $"record {csv.RowNumber}");
                }

                var attributes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Count; i++)
                {
                    attributes[header[i]] = csv.IsEmpty(i) ? null : csv.GetString(i);
                }

                yield return Point(csv.RowNumber, attributes, header[x], header[y]) with { Source = source };
                progress.Tick(phase, csv.RowNumber, null);
            }

            progress?.Report(new ImportProgress(phase, csv.RowNumber, csv.RowNumber));
        }
    }

    private static SourceFeature Point(long record, Dictionary<string, object?> attributes, string xColumn, string yColumn)
    {
        var xText = (attributes[xColumn] as string)?.Trim();
        var yText = (attributes[yColumn] as string)?.Trim();
        if (string.IsNullOrEmpty(xText) && string.IsNullOrEmpty(yText))
        {
            return new SourceFeature(record, null, attributes);
        }

        if (Coordinate(xText) is { } lon && Coordinate(yText) is { } lat)
        {
            return new SourceFeature(record, Factory.CreatePoint(new Coordinate(lon, lat)), attributes);
        }

        return new SourceFeature(record, null, attributes)
        {
            GeometryError = $"{xColumn} '{xText}' and {yColumn} '{yText}' must both be decimal degrees, such as 119.2215 and 34.5967",
        };
    }

    private static double? Coordinate(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static CsvReader Open(string path)
    {
        try
        {
            return CsvReader.FromFile(path, Options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"{path} cannot be opened: {ex.Message}", ex);
        }
    }

    private static IReadOnlyList<string> Header(string path, CsvReader csv)
    {
        IReadOnlyList<string> header;
        try
        {
            header = csv.Headers;
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFileException($"{path} has no readable header row: {ex.Message}", ex);
        }

        if (header.Count == 0)
        {
            throw new ImportFileException($"{path} is empty: a CSV import starts with a header row naming its columns.");
        }

        if (header.Any(name => name.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            throw NotUtf8(path, "the header");
        }

        if (header.GroupBy(name => name.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ImportFileException($"{path}: the column {twice.Key} appears {twice.Count()} times in the header; give each column one name.");
        }

        return [.. header.Select(name => name.Trim())];
    }

    /// <summary>The indexes of the point's columns: the pair named, or else the first usual pair the header has.</summary>
    private static (int X, int Y) PointColumns(string path, IReadOnlyList<string> header, CsvPointColumns? named)
    {
        int IndexOf(string column) => header.ToList().FindIndex(name => string.Equals(name, column, StringComparison.OrdinalIgnoreCase));

        foreach (var pair in named is null ? CsvPointColumns.Usual : [named])
        {
            if (IndexOf(pair.X) is >= 0 and var x && IndexOf(pair.Y) is >= 0 and var y)
            {
                return (x, y);
            }
        }

        throw new ImportFileException(named is null
            ? $"{path} has no coordinate columns: name them {string.Join(" or ", CsvPointColumns.Usual)} (longitude/latitude in degrees), or say which columns hold them."
            : $"{path} has no columns {named.X} and {named.Y}; its columns are {string.Join(", ", header)}.");
    }

    private static bool Next(string path, CsvReader csv)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFileException($"{path} is not well-formed CSV: {ex.Message} Close every quote that opens a value.", ex);
        }
    }

    private static ImportFileException NotUtf8(string path, string where) =>
        new($"{path}: {where} is not UTF-8 text. Save the table as \"CSV UTF-8\" (Excel) or convert it, e.g. `iconv -f GB18030 -t UTF-8`, and import that file.");
}
