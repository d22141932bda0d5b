using Lyg.Contracts;
using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Features.Video;
using Lyg.Hub.Importing;
using NetTopologySuite.Geometries;

namespace Lyg.Hub.Tests.Features.Video;

/// <summary>Camera and advertisement files as the import tool reads them: good records taken, every problem of every record named.</summary>
public sealed class RegistryRecordsTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Fact]
    public void Good_camera_records_are_taken_and_each_problem_is_named_with_its_record()
    {
        var problems = new List<ImportProblem>();

        var cameras = CameraRecords.Read(
            [
                Record(1, Factory.CreatePoint(new Coordinate(119.2215, 34.5967)), ("CameraID", "cam-1"), ("Name", "路口"), ("Address", "朝阳中路")),
                Record(2, Factory.CreatePoint(new Coordinate(119.2215, 34.5967)), ("CameraID", "cam-1"), ("Name", "重复")),
                Record(3, Factory.CreatePoint(new Coordinate(119.2215, 34.5967)), ("CameraID", "cam 3")),
                Record(4, Factory.CreateLineString([new(119, 34), new(119.1, 34.1)]), ("CameraID", "cam-4"), ("Name", "线")),
                Record(5, Factory.CreatePoint(new Coordinate(500000, 3800000)), ("CameraID", "cam-5"), ("Name", "投影坐标")),
            ],
            CoordinateSystem.Wgs84,
            problems);

        Assert.Equal(("cam-1", 34.5967, "朝阳中路"), (Assert.Single(cameras).CameraId, cameras[0].Location.Lat, cameras[0].Address));
        Assert.Equal([2, 3, 3, 4, 5], problems.Select(p => p.Record));
        Assert.Contains("twice", problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("CameraID:", problems[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("Name:", problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("LineString", problems[3].Message, StringComparison.Ordinal);
        Assert.Contains("not longitude and latitude", problems[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advertisement_records_need_a_kind_an_owner_and_a_permit_that_ends_after_it_begins()
    {
        var problems = new List<ImportProblem>();
        var point = Factory.CreatePoint(new Coordinate(119.2215, 34.5967));

        var ads = AdvertisementRecords.Read(
            [
                Record(1, point, ("AdID", "ad-1"), ("Kind", "billboard"), ("Owner", "传媒"), ("PermitNo", "P-1"), ("PermitFrom", "2026-01-01"), ("PermitUntil", "2026-12-31")),
                Record(2, point, ("AdID", "ad-2"), ("Kind", "Bill Board"), ("Owner", "传媒"), ("PermitNo", "P-2"), ("PermitFrom", "2026-01-01"), ("PermitUntil", "2025-12-31")),
                Record(3, point, ("AdID", "ad-3"), ("Kind", "lightbox"), ("PermitFrom", "2026/01/01"), ("PermitUntil", "2026-12-31")),
            ],
            CoordinateSystem.Wgs84,
            problems);

        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), (Assert.Single(ads).PermitValidFrom, ads[0].PermitValidUntil));
        Assert.Equal(
            ["Kind", "PermitUntil", "Owner", "PermitNo", "PermitFrom"],
            problems.Select(p => p.Message[..p.Message.IndexOf(':', StringComparison.Ordinal)]));
    }

    private static SourceFeature Record(long record, Geometry geometry, params (string Field, object? Value)[] attributes) =>
        new(record, geometry, attributes.ToDictionary(a => a.Field, a => a.Value, StringComparer.OrdinalIgnoreCase));
}
