using Lyg.Contracts;
using Lyg.Hub.Importing;

namespace Lyg.Hub.Features.Video;

/// <summary>
/// The records of a camera file (the import tool's <c>cameras</c>): one point each, with <c>CameraID</c> (the id the
/// video platform sends), <c>Name</c> and optionally <c>Address</c>. Every problem of every record is listed; the file is
/// written only when there is none, so it is taken whole or not at all.
/// </summary>
public static class CameraRecords
{
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 200;

    public static IReadOnlyList<Camera> Read(IEnumerable<SourceFeature> features, CoordinateSystem crs, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(problems);
        var cameras = new List<Camera>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            var id = feature.Text("CameraID");
            var before = problems.Count;
            void Problem(string message) => problems.Add(ImportProblem.About(feature, id, message));
            if (!CameraStore.IsWellFormedId(id))
            {
                Problem("CameraID: " + CameraStore.IdShapeError);
            }
            else if (!seen.Add(id!))
            {
                Problem("CameraID: this camera is in the file twice.");
            }

            var name = feature.Text("Name");
            if (name is not { Length: <= MaxNameLength })
            {
                Problem($"Name: 1 to {MaxNameLength} characters.");
            }

            var address = feature.Text("Address");
            if (address is { Length: > MaxAddressLength })
            {
                Problem($"Address: at most {MaxAddressLength} characters.");
            }

            var (point, pointProblem) = FeaturePoints.Read(feature, crs, "a camera");
            if (pointProblem is not null)
            {
                Problem(pointProblem);
            }

            if (problems.Count == before)
            {
                cameras.Add(new Camera(id!, name!, point!.Value, null, address));
            }
        }

        return cameras;
    }
}
