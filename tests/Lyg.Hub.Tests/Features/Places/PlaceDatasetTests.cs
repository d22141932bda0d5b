using System.IO.Compression;
using Lyg.Hub.Features.Places;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Tests.Features.PlaceDatasets;

public sealed class PlaceDatasetTests
{
    private static readonly PlaceMap Sample = SampleCity.Generate().ToMap();

    [Fact]
    public void A_map_reads_back_with_every_place_name_and_boundary()
    {
        var read = PlaceDataset.Read(new MemoryStream(Written(Sample)));

        Assert.Equal(Sample.Label, read.Label);
        Assert.Equal(Sample.Areas.Select(a => a.Place), read.Areas.Select(a => a.Place));
        Assert.All(Sample.Areas.Zip(read.Areas), pair => Assert.True(pair.First.Boundary.EqualsExact(pair.Second.Boundary)));
        Assert.Equal(Sample.UnitGrids.Select(g => (g.Code, g.Name, g.Community, g.Street, g.District)), read.UnitGrids.Select(g => (g.Code, g.Name, g.Community, g.Street, g.District)));
        Assert.All(Sample.UnitGrids.Zip(read.UnitGrids), pair => Assert.True(pair.First.Boundary.EqualsExact(pair.Second.Boundary)));
    }

    [Fact]
    public void Grid_names_are_kept()
    {
        var result = PlaceImport.Validate(PlaceFeatures.Records(PlaceFeatures.ValidRows()), new PlaceImportOptions());

        var read = PlaceDataset.Read(new MemoryStream(Written(result.Map!)));

        Assert.Equal([null, "东格"], read.UnitGrids.Select(g => g.Name));
        Assert.Equal("东格", read.Find(PlaceFeatures.EastGrid)?.Name);
    }

    [Fact]
    public void A_blob_that_is_not_a_dataset_is_refused() =>
        Assert.Contains("not a place dataset", Assert.Throws<InvalidDataException>(() => PlaceDataset.Read(new MemoryStream(Gzip("hello world"u8.ToArray())))).Message, StringComparison.Ordinal);

    [Fact]
    public void A_dataset_of_an_unknown_format_version_is_refused_instead_of_guessed()
    {
        var plain = Gunzip(Written(Sample));
        BitConverter.TryWriteBytes(plain.AsSpan(8, 4), 2);

        var refused = Assert.Throws<InvalidDataException>(() => PlaceDataset.Read(new MemoryStream(Gzip(plain))));

        Assert.Contains("format 2; this hub reads format 1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_cut_short_is_refused()
    {
        var plain = Gunzip(Written(Sample));

        Assert.Throws<InvalidDataException>(() => PlaceDataset.Read(new MemoryStream(Gzip(plain[..(plain.Length / 2)]))));
    }

    private static byte[] Written(PlaceMap map)
    {
        using var stream = new MemoryStream();
        PlaceDataset.Write(map, stream, null, CancellationToken.None);
        return stream.ToArray();
    }

    private static byte[] Gzip(byte[] plain)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return stream.ToArray();
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
