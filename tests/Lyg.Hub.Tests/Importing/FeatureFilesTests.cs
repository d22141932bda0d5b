using System.Globalization;
using System.Text;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Support;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace Lyg.Hub.Tests.Importing;

public sealed class FeatureFilesTests : IDisposable
{
    private const string CgcsGaussKruger =
        """PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    private const string Cgcs2000Geographic =
        """GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""";

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lyg-features-");

    static FeatureFilesTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void A_geojson_feature_collection_streams_its_features_in_order_with_attributes_by_any_case()
    {
        var path = Write("places.geojson", "\uFEFF" + """
            {"type":"FeatureCollection","name":"haizhou","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},
             "features":[
              {"type":"Feature","properties":{"code":"320706","name":"海州区"},"geometry":{"type":"Polygon","coordinates":[[[119.2,34.58],[119.24,34.58],[119.24,34.62],[119.2,34.62],[119.2,34.58]]]}},
              {"type":"Feature","properties":{"CODE":320706001001001,"area":1.5,"tags":["a"]},"geometry":null},
              {"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[119.21,34.6]}}
             ]}
            """);

        var features = FeatureFiles.Read(path).ToList();

        Assert.Equal([1L, 2L, 3L], features.Select(f => f.Record));
        Assert.All(features, f => Assert.Equal("places.geojson", f.Source));
        Assert.Equal(("320706", "海州区"), (features[0].Text("Code"), features[0].Text("NAME")));
        Assert.IsType<Polygon>(features[0].Geometry);
        Assert.Equal(4, features[0].Geometry!.EnvelopeInternal.Width * 100, 6);
        Assert.Equal("320706001001001", features[1].CodeText("code"));
        Assert.Equal(1.5, features[1].Attributes["area"]);
        Assert.Null(features[1].Geometry);
        Assert.Empty(features[2].Attributes);
        Assert.IsType<Point>(features[2].Geometry);
    }

    [Fact]
    public void A_large_collection_and_a_feature_larger_than_the_read_buffer_stream_through()
    {
        var ring = Enumerable.Range(0, 20_000).Select(i => (119.2 + 0.02 * Math.Cos(i * Math.PI / 10_000), 34.6 + 0.02 * Math.Sin(i * Math.PI / 10_000))).ToList();
        ring.Add(ring[0]);
        var coordinates = string.Join(",", ring.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Item1},{p.Item2}]")));
        var big = """{"type":"Feature","properties":{"code":"big"},"geometry":{"type":"Polygon","coordinates":[[""" + coordinates + "]]}}";
        var small = Enumerable.Range(1, 3_000).Select(i => $$"""{"type":"Feature","properties":{"code":"{{i}}"},"geometry":null}""");
        var path = Write("many.geojson", $$"""{"type":"FeatureCollection","features":[{{string.Join(",", small.Append(big))}}]}""");
        var progress = new ProgressRecorder();

        var features = FeatureFiles.Read(path, progress).ToList();

        Assert.Equal(3_001, features.Count);
        Assert.Equal("3000", features[2_999].Text("code"));
        Assert.Equal(20_001, features[^1].Geometry!.NumPoints);
        Assert.Equal(new ImportProgress("read many.geojson", 3_001, 3_001), progress.Reports[^1]);
    }

    [Fact]
    public void A_feature_whose_geometry_cannot_be_built_keeps_its_attributes_and_the_reason()
    {
        var path = Write("open-ring.geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"320706001001001"},"geometry":{"type":"Polygon","coordinates":[[[119.2,34.58],[119.24,34.58],[119.24,34.62],[119.2,34.62]]]}}]}
            """);

        var feature = Assert.Single(FeatureFiles.Read(path));

        Assert.Null(feature.Geometry);
        Assert.Equal("320706001001001", feature.Text("code"));
        Assert.False(string.IsNullOrWhiteSpace(feature.GeometryError));
    }

    [Theory]
    [InlineData("""{"type":"Feature","properties":{},"geometry":null}""", "is a GeoJSON Feature, not a GeoJSON FeatureCollection")]
    [InlineData("""[1,2]""", "is a JSON value that is not an object, not a GeoJSON FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection"}""", "without a \"features\" array")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null},""", "is cut short")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature",]}""", "is not valid JSON after feature 0")]
    [InlineData("""{"type":"FeatureCollection","features":[42]}""", "every entry must be a GeoJSON Feature object")]
    [InlineData("", "holds no JSON")]
    public void A_json_file_that_is_not_a_feature_collection_is_refused_with_what_it_is(string content, string expected)
    {
        var path = Write("odd.json", content);

        var refused = Assert.Throws<ImportFileException>(() => FeatureFiles.Read(path).ToList());

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shapefile_streams_its_shapes_with_the_dbf_attributes_and_numeric_codes_as_digits()
    {
        var path = WriteShapefile("grids.shp", [("320706001001001", "西格"), ("320706001001002", "东格")], numericCodes: true);
        var progress = new ProgressRecorder();

        var features = FeatureFiles.Read(path, progress).ToList();

        Assert.Equal([1L, 2L], features.Select(f => f.Record));
        Assert.Equal(["320706001001001", "320706001001002"], features.Select(f => f.CodeText("CODE")));
        Assert.Equal(["西格", "东格"], features.Select(f => f.Text("name")));
        Assert.All(features, f => Assert.Equal("grids.shp", f.Source));
        Assert.All(features, f => Assert.Equal(0.0008, f.Geometry!.Area, 10));
        Assert.Equal(new ImportProgress("read grids.shp", 2, 2), progress.Reports[^1]);
    }

    [Theory]
    [InlineData(936, null)]
    [InlineData(936, "GBK")]
    [InlineData(936, "ANSI 936")]
    [InlineData(54936, "GB18030")]
    [InlineData(65001, "UTF-8")]
    public void Dbf_text_is_decoded_as_its_cpg_says(int codePage, string? cpg)
    {
        var path = WriteShapefile("names.shp", [("320706", "海州区"), ("320707", "赣榆区")], encoding: Encoding.GetEncoding(codePage));
        if (cpg is not null)
        {
            File.WriteAllText(Path.ChangeExtension(path, ".cpg"), cpg);
        }

        Assert.Equal(["海州区", "赣榆区"], FeatureFiles.Read(path).Select(f => f.Text("name")));
    }

    [Fact]
    public void Gbk_text_without_a_cpg_is_refused_with_advice_to_add_one()
    {
        var path = WriteShapefile("gbk.shp", [("320706", "海州区")], encoding: Encoding.GetEncoding(936));
        File.Delete(Path.ChangeExtension(path, ".cpg"));

        var refused = Assert.Throws<ImportFileException>(() => FeatureFiles.Read(path).ToList());

        Assert.Contains("record 1: the .dbf text is not UTF-8", refused.Message, StringComparison.Ordinal);
        Assert.Contains("put a .cpg file beside it containing GBK", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_cpg_encoding_is_refused()
    {
        var path = WriteShapefile("odd-cpg.shp", [("320706", "海州区")]);
        File.WriteAllText(Path.ChangeExtension(path, ".cpg"), "KLINGON-1");

        Assert.Contains("names the text encoding 'KLINGON-1', which is not known", Assert.Throws<ImportFileException>(() => FeatureFiles.Read(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_projected_prj_is_refused_before_any_record_is_read_and_a_geographic_one_is_fine()
    {
        var projected = WriteShapefile("projected.shp", [("320706", "海州区")], projection: CgcsGaussKruger);
        var geographic = WriteShapefile("geographic.shp", [("320706", "海州区")], projection: Cgcs2000Geographic);

        var refused = Assert.Throws<ImportFileException>(() => FeatureFiles.Read(projected));

        Assert.Contains("is in the projected coordinate system CGCS2000_3_Degree_GK_CM_120E", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Reproject it to longitude/latitude", refused.Message, StringComparison.Ordinal);
        Assert.Single(FeatureFiles.Read(geographic));
    }

    [Fact]
    public void A_shapefile_without_its_dbf_is_refused()
    {
        var path = WriteShapefile("lonely.shp", [("320706", "海州区")]);
        File.Delete(Path.ChangeExtension(path, ".dbf"));

        Assert.Contains("has no .dbf beside it", Assert.Throws<ImportFileException>(() => FeatureFiles.Read(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_and_unknown_kinds_are_refused_saying_which_kinds_are_read()
    {
        var kml = Write("places.kml", "<kml/>");

        Assert.Contains("does not exist", Assert.Throws<ImportFileException>(() => FeatureFiles.Read(Path.Combine(_directory.FullName, "none.geojson"))).Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ImportFileException>(() => FeatureFiles.Read(kml));
        Assert.Contains("files of kind '.kml' cannot be imported; give a GeoJSON FeatureCollection (.geojson, .json) or an Esri Shapefile", unknown.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>A polygon shapefile of 0.02° × 0.04° boxes side by side, one per (code, name), written by the NTS writer.</summary>
    private string WriteShapefile(string name, IReadOnlyList<(string Code, string Name)> rows, bool numericCodes = false, Encoding? encoding = null, string? projection = null)
    {
        var path = Path.Combine(_directory.FullName, name);
        var features = rows.Select((row, i) =>
        {
            var west = 119.2 + 0.02 * i;
            var box = Factory.CreatePolygon(
            [
                new Coordinate(west, 34.58), new Coordinate(west, 34.62), new Coordinate(west + 0.02, 34.62), new Coordinate(west + 0.02, 34.58), new Coordinate(west, 34.58),
            ]);
            var attributes = new AttributesTable
            {
                { "code", numericCodes ? long.Parse(row.Code, CultureInfo.InvariantCulture) : row.Code },
                { "name", row.Name },
            };
            return (IFeature)new Feature(box, attributes);
        }).ToList();
        Shapefile.WriteAllFeatures(features, path, projection, encoding);
        return path;
    }
}
