using System.IO.Compression;
using System.Text;
using Lyg.Hub.Importing;
using Lyg.Orchestrations.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Lyg.Hub.Features.Places;

/// <summary>
/// The stored form of a place map (ADR 0007): gzip over a small binary layout — the magic <c>LYGPLACE</c>, a format
/// version, the label, then every district, street and community (code, name, WKB boundary) and every unit grid (code,
/// optional name, WKB polygon). Coordinates are kept as the doubles they were, and 10^5 grids read in well under a
/// second. A reader refuses a version it does not know instead of guessing.
/// </summary>
internal static class PlaceDataset
{
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "LYGPLACE"u8.ToArray();

    public static void Write(PlaceMap map, Stream destination, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        var wkb = new WKBWriter(ByteOrder.LittleEndian);
        var total = map.Areas.Count + map.UnitGrids.Count;
        var done = 0L;
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(map.Label);
        writer.Write(map.Areas.Count);
        foreach (var area in map.Areas)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Write(area.Place.Code);
            writer.Write(area.Place.Name);
            WriteGeometry(writer, wkb, area.Boundary);
            progress.Tick("write", ++done, total);
        }

        writer.Write(map.UnitGrids.Count);
        foreach (var grid in map.UnitGrids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Write(grid.Code);
            writer.Write(grid.Name is not null);
            if (grid.Name is not null)
            {
                writer.Write(grid.Name);
            }

            WriteGeometry(writer, wkb, grid.Boundary);
            progress.Tick("write", ++done, total);
        }
    }

    /// <exception cref="InvalidDataException">The stream is not a place dataset, or of a format this code does not know.</exception>
    public static PlaceMap Read(Stream source)
    {
        using var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(gzip, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("This is not a place dataset (no LYGPLACE header).");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"The place dataset has format {version}; this hub reads format {FormatVersion}. Update the hub, or import the places again.");
            }

            var wkb = new WKBReader();
            var label = reader.ReadString();
            var areas = new PlaceArea[reader.ReadInt32()];
            for (var i = 0; i < areas.Length; i++)
            {
                areas[i] = new PlaceArea(new Place(reader.ReadString(), reader.ReadString()), ReadGeometry(reader, wkb));
            }

            var places = areas.ToDictionary(a => a.Place.Code, a => a.Place, StringComparer.Ordinal);
            var grids = new UnitGrid[reader.ReadInt32()];
            for (var i = 0; i < grids.Length; i++)
            {
                var code = reader.ReadString();
                var name = reader.ReadBoolean() ? reader.ReadString() : null;
                var boundary = ReadGeometry(reader, wkb) as Polygon ?? throw new InvalidDataException($"Grid {code} of the place dataset is not a polygon.");
                grids[i] = new UnitGrid(code, boundary, Parent(places, code, PlaceLevel.Community), Parent(places, code, PlaceLevel.Street), Parent(places, code, PlaceLevel.District), name);
            }

            return new PlaceMap(label, areas, grids);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The place dataset is cut short.", ex);
        }
        catch (ParseException ex)
        {
            throw new InvalidDataException($"The place dataset holds a damaged boundary: {ex.Message}", ex);
        }
    }

    private static Place Parent(Dictionary<string, Place> places, string gridCode, PlaceLevel level) =>
        places.GetValueOrDefault(gridCode[..(int)level]) ?? throw new InvalidDataException($"Grid {gridCode} of the place dataset has no {PlaceCode.Name(level)}.");

    private static void WriteGeometry(BinaryWriter writer, WKBWriter wkb, Geometry geometry)
    {
        var bytes = wkb.Write(geometry);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static Geometry ReadGeometry(BinaryReader reader, WKBReader wkb)
    {
        var length = reader.ReadInt32();
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? wkb.Read(bytes) : throw new EndOfStreamException();
    }
}
