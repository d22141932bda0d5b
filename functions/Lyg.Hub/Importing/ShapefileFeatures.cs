using System.Globalization;
using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace Lyg.Hub.Importing;

/// <summary>
/// Streams the records of an Esri Shapefile: shapes from the .shp, attributes from the .dbf beside it. The .dbf's text
/// encoding comes from its .cpg (UTF-8 without one; GBK and GB18030, common in Chinese data, through the code-page
/// provider). A .prj naming a projected coordinate system is refused before any record is read, because the hub keeps
/// longitude/latitude only. An invalid shape is read as it is, so validation can say what is wrong with it.
/// </summary>
internal static class ShapefileFeatures
{
    private static readonly Encoding DefaultEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<SourceFeature> Read(string path, IProgress<ImportProgress>? progress)
    {
        var dbf = Sibling(path, ".dbf")
            ?? throw new ImportFileException($"{path} has no .dbf beside it: a Shapefile's attributes (code and name) live in the .dbf of the same name.");
        if (Sibling(path, ".prj") is { } prj)
        {
            RefuseProjected(path, File.ReadAllText(prj));
        }

        var encoding = Sibling(path, ".cpg") is { } cpg ? EncodingNamed(File.ReadAllText(cpg), cpg) : DefaultEncoding;
        return ReadRecords(path, dbf, encoding, progress);
    }

    /// <summary>
    /// The encoding a .cpg names: a name (UTF-8, GBK, GB2312, GB18030) or a code page number, bare or after "ANSI "
    /// or "CP" as Esri and QGIS write them.
    /// </summary>
    internal static Encoding EncodingNamed(string cpgText, string cpgPath)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var name = cpgText.Trim();
        foreach (var prefix in (string[])["ANSI ", "CP"])
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && int.TryParse(name[prefix.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                name = name[prefix.Length..].Trim();
            }
        }

        try
        {
            var encoding = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);
            return encoding.CodePage == Encoding.UTF8.CodePage ? DefaultEncoding : encoding;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new ImportFileException(
                $"{cpgPath} names the text encoding '{name}', which is not known: write UTF-8, GBK or GB18030 in it (or a code page number such as 936).", ex);
        }
    }

    private static void RefuseProjected(string path, string projection)
    {
        var wkt = projection.TrimStart();
        if (!wkt.StartsWith("PROJCS", StringComparison.OrdinalIgnoreCase) && !wkt.StartsWith("PROJCRS", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var nameStart = wkt.IndexOf('"', StringComparison.Ordinal) + 1;
        var nameEnd = nameStart > 0 ? wkt.IndexOf('"', nameStart) : -1;
        var name = nameEnd > nameStart ? wkt[nameStart..nameEnd] : "named in its .prj";
        throw new ImportFileException(
            $"{path} is in the projected coordinate system {name} (metres, per its .prj). Reproject it to longitude/latitude "
            + "(WGS84, or CGCS2000 = EPSG:4490), e.g. `ogr2ogr -t_srs EPSG:4490 out.shp in.shp`, and import that file.");
    }

    private static IEnumerable<SourceFeature> ReadRecords(string path, string dbf, Encoding encoding, IProgress<ImportProgress>? progress)
    {
        var source = Path.GetFileName(path);
        var phase = "read " + source;
        using var shpStream = File.OpenRead(path);
        using var dbfStream = File.OpenRead(dbf);
        using var reader = Open(path, shpStream, dbfStream, encoding);
        long total = reader.RecordCount;
        var record = 0L;
        while (Next(path, reader, record + 1) is { } read)
        {
            record++;
            if (!read.Deleted)
            {
                var geometry = read.Feature.Geometry is { IsEmpty: false } shape ? shape : null;
                yield return new SourceFeature(record, geometry, AttributesOf(read.Feature.Attributes)) { Source = source };
            }

            progress.Tick(phase, record, total);
        }

        if (record < total)
        {
            progress?.Report(new ImportProgress(phase, record, record));
        }
    }

    private static ShapefileReader Open(string path, Stream shp, Stream dbf, Encoding encoding)
    {
        try
        {
            return Shapefile.OpenRead(shp, dbf, new ShapefileReaderOptions { Encoding = encoding, GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes });
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            throw new ImportFileException($"{path} cannot be opened as a Shapefile: {ex.Message}", ex);
        }
    }

    private static (bool Deleted, Feature Feature)? Next(string path, ShapefileReader reader, long record)
    {
        try
        {
            return reader.Read(out var deleted, out var feature) ? (deleted, feature) : null;
        }
        catch (DecoderFallbackException ex)
        {
            throw new ImportFileException(
                $"{path} record {record}: the .dbf text is not UTF-8. If it is GBK or GB18030 (common in Chinese data), put a .cpg file beside it "
                + "containing GBK or GB18030 and import again.", ex);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ImportFileException($"{path} record {record} cannot be read: {ex.Message}", ex);
        }
    }

    private static Dictionary<string, object?> AttributesOf(IAttributesTable table)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in table.GetNames())
        {
            attributes.TryAdd(name, table.GetOptionalValue(name));
        }

        return attributes;
    }

    /// <summary>The file beside the .shp with the other extension, in lower or upper case as tools write them.</summary>
    private static string? Sibling(string path, string extension) =>
        new[] { extension, extension.ToUpperInvariant() }.Select(e => Path.ChangeExtension(path, e)).FirstOrDefault(File.Exists);
}
