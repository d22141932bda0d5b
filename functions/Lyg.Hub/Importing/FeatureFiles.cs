namespace Lyg.Hub.Importing;

/// <summary>
/// The one entry point for reading import files, by extension: GeoJSON FeatureCollections (.geojson, .json), Esri
/// Shapefiles (.shp with its .dbf) and CSV tables of points (.csv, coordinates in the columns <c>csvPoints</c> names,
/// else in X/Y or lon/lat). Records are streamed in file order, numbered from 1 and named after their file;
/// progress is reported as <c>read {file}</c>. A file that cannot be read at all raises
/// <see cref="ImportFileException"/>; problems of single records are left to validation.
/// </summary>
public static class FeatureFiles
{
    public const string KnownKinds = "a GeoJSON FeatureCollection (.geojson, .json) or an Esri Shapefile (.shp with its .dbf)";

    /// <summary>What a file of points (components) may also be.</summary>
    public const string KnownPointKinds = KnownKinds + ", or a CSV table with longitude and latitude columns (.csv)";

    public static IEnumerable<SourceFeature> Read(string path, IProgress<ImportProgress>? progress = null, CsvPointColumns? csvPoints = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ImportFileException($"{path} does not exist.");
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".geojson" or ".json" => GeoJsonFeatures.Read(path, progress),
            ".shp" => ShapefileFeatures.Read(path, progress),
            ".csv" => CsvFeatures.Read(path, csvPoints, progress),
            var other => throw new ImportFileException($"{path}: files of kind '{other}' cannot be imported; give {KnownPointKinds}."),
        };
    }
}
