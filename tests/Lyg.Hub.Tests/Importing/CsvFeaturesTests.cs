using System.Text;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Support;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Tests.Importing;

public sealed class CsvFeaturesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lyg-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_column_is_an_attribute_and_x_y_make_the_point()
    {
        var path = Write("components.csv", "ObjID,ObjName,DeptCode1,X,Y\n3207060101000001,\"上水井盖, 东侧\",DEPT-CGJ,119.2215,34.5967\n");

        var feature = Assert.Single(FeatureFiles.Read(path));

        Assert.Equal((1L, "components.csv"), (feature.Record, feature.Source));
        Assert.Equal("3207060101000001", feature.CodeText("OBJID"));
        Assert.Equal("上水井盖, 东侧", feature.Text("objname"));
        Assert.Equal("DEPT-CGJ", feature.Text("DeptCode1"));
        var point = Assert.IsType<Point>(feature.Geometry);
        Assert.Equal((119.2215, 34.5967), (point.X, point.Y));
    }

    [Fact]
    public void Lon_lat_columns_are_found_in_any_case_when_there_are_no_x_y_columns()
    {
        var path = Write("c.csv", "ObjID,LON,Lat\n3207060101000001,119.1,34.2\n");

        var point = Assert.IsType<Point>(Assert.Single(FeatureFiles.Read(path)).Geometry);

        Assert.Equal((119.1, 34.2), (point.X, point.Y));
    }

    [Fact]
    public void Named_coordinate_columns_are_used_instead_of_the_usual_ones()
    {
        var path = Write("c.csv", "ObjID,X,Y,经度,纬度\n3207060101000001,40520000,3828000,119.3,34.7\n");

        var point = Assert.IsType<Point>(Assert.Single(FeatureFiles.Read(path, csvPoints: new CsvPointColumns("经度", "纬度"))).Geometry);

        Assert.Equal((119.3, 34.7), (point.X, point.Y));
    }

    [Fact]
    public void Blank_values_are_absent_blank_coordinates_mean_no_location_and_bad_ones_say_why()
    {
        var path = Write("c.csv", "ObjID,Note,X,Y\n3207060101000001,,,\n3207060101000002,x,119.2,north\n3207060101000003,x,NaN,34.6\n");

        var features = FeatureFiles.Read(path).ToList();

        Assert.Null(features[0].Attributes["Note"]);
        Assert.Equal((null, null), (features[0].Geometry, features[0].GeometryError));
        Assert.Null(features[1].Geometry);
        Assert.Equal("X '119.2' and Y 'north' must both be decimal degrees, such as 119.2215 and 34.5967", features[1].GeometryError);
        Assert.NotNull(features[2].GeometryError);
    }

    [Fact]
    public void A_byte_order_mark_crlf_line_ends_and_blank_last_lines_are_taken_in_stride()
    {
        var path = Write("c.csv", "\uFEFFObjID,X,Y\r\n3207060101000001,119.2,34.6\r\n3207060101000002,119.3,34.7\r\n , , \r\n\r\n");

        var features = FeatureFiles.Read(path).ToList();

        Assert.Equal([1L, 2L], features.Select(f => f.Record));
        Assert.Equal("3207060101000001", features[0].Text("ObjID"));
    }

    [Fact]
    public void Progress_names_the_file_and_ends_at_the_record_count()
    {
        var path = Write("points.csv", "ObjID,X,Y\n" + string.Concat(Enumerable.Range(1, 1500).Select(i => $"{i},119.2,34.6\n")));
        var progress = new ProgressRecorder();
        var reports = progress.Reports;

        _ = FeatureFiles.Read(path, progress).ToList();

        Assert.All(reports, r => Assert.Equal("read points.csv", r.Phase));
        Assert.Equal(new ImportProgress("read points.csv", 1500, 1500), reports[^1]);
    }

    [Theory]
    [InlineData("ObjID,Name\n1,a\n", "has no coordinate columns: name them X/Y or lon/lat")]
    [InlineData("ObjID,X,Y\n1,119.2\n", "record 1 has 2 fields but the header has 3")]
    [InlineData("ObjID,X,Y\n1,119.2,34.6\n2,\"119.2,34.6\n", "is not well-formed CSV")]
    [InlineData("ObjID,X,Y,objid\n1,119.2,34.6,1\n", "the column ObjID appears 2 times")]
    [InlineData("", "is empty")]
    public void A_file_that_is_not_a_usable_table_of_points_is_refused_saying_why(string text, string says)
    {
        var path = Write("bad.csv", text);

        var error = Assert.Throws<ImportFileException>(() => FeatureFiles.Read(path).ToList());

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_coordinate_columns_that_are_missing_are_refused_with_the_columns_there_are()
    {
        var path = Write("c.csv", "ObjID,X,Y\n1,119.2,34.6\n");

        var error = Assert.Throws<ImportFileException>(() => FeatureFiles.Read(path, csvPoints: new CsvPointColumns("E", "N")).ToList());

        Assert.Contains("has no columns E and N; its columns are ObjID, X, Y", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gbk_file_is_refused_with_advice_instead_of_read_as_garbage()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = Path.Combine(_folder, "gbk.csv");
        File.WriteAllBytes(path, Encoding.GetEncoding("GBK").GetBytes("ObjID,ObjName,X,Y\n3207060101000001,上水井盖,119.2,34.6\n"));

        var error = Assert.Throws<ImportFileException>(() => FeatureFiles.Read(path).ToList());

        Assert.Contains("record 1 is not UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
