using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Video;

/// <summary>A camera of the video platform: where it stands (WGS84) and the unit grid that point lies in (null outside every grid).</summary>
public sealed record Camera(string CameraId, string Name, GeoPoint Location, string? Grid, string? Address);

/// <summary>
/// The camera registry, table <c>Cameras</c>, one partition (a city has thousands of cameras, not millions): written
/// by the import and the Development seed, read by every alert. The grid is taken from the place map in force when the
/// camera is written, so a camera placed outside every grid is still registered and its alerts still taken.
/// </summary>
public sealed partial class CameraStore(TableServiceClient tables, CurrentPlaces places)
{
    public const int MaxIdLength = 64;
    public const string IdShapeError = "A camera id of 1 to 64 letters, digits, '.', '_' or '-'.";

    private const string Partition = "camera";

    private readonly TableClient _table = tables.GetTableClient(TableNames.Cameras);

    public static bool IsWellFormedId(string? id) => id is not null && IdShape().IsMatch(id);

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Camera?> FindAsync(string cameraId, CancellationToken cancellationToken)
    {
        if (!IsWellFormedId(cameraId))
        {
            return null;
        }

        var found = await _table.GetEntityIfExistsAsync<CameraRow>(Partition, cameraId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? new Camera(row.RowKey, row.Name, new GeoPoint(row.Latitude, row.Longitude), row.Grid, row.Address) : null;
    }

    /// <summary>Writes the cameras (new or changed), placing each in its grid; returns them as stored.</summary>
    public async Task<IReadOnlyList<Camera>> UpsertAsync(IEnumerable<Camera> cameras, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        var stored = new List<Camera>();
        foreach (var slice in cameras.Select(Placed).Chunk(100))
        {
            await _table.SubmitTransactionAsync(slice.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToRow(c))), cancellationToken);
            stored.AddRange(slice);
        }

        return stored;
    }

    /// <summary>Adds the cameras not registered yet and leaves the others as they are; returns how many were added.</summary>
    public async Task<int> SeedAsync(IEnumerable<Camera> cameras, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        var added = 0;
        foreach (var camera in cameras.Select(Placed))
        {
            try
            {
                await _table.AddEntityAsync(ToRow(camera), cancellationToken);
                added++;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Registered already: an administrator's version stands.
            }
        }

        return added;
    }

    private Camera Placed(Camera camera) => camera with { Grid = places.Locate(camera.Location.Lat, camera.Location.Lon)?.Grid };

    private static CameraRow ToRow(Camera c) => new()
    {
        PartitionKey = Partition,
        RowKey = c.CameraId,
        Name = c.Name,
        Latitude = c.Location.Lat,
        Longitude = c.Location.Lon,
        Grid = c.Grid,
        Address = c.Address,
    };

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex IdShape();

    private sealed class CameraRow : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string Name { get; set; } = "";

        public double Latitude { get; set; }

        public double Longitude { get; set; }

        public string? Grid { get; set; }

        public string? Address { get; set; }
    }
}
