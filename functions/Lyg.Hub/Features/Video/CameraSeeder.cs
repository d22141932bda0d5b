using System.Text.Json.Serialization;
using System.Text.Json;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Video;

/// <summary>
/// Plants the sample cameras (cameras.seed.json) at startup when <c>Video:SeedSample</c> is true (Development and local
/// settings), at the seats of the synthetic sample city's districts. Cameras already there are never touched.
/// </summary>
public sealed class CameraSeeder(CameraStore cameras, ILogger<CameraSeeder> logger) : SampleSeeder<Camera>(logger)
{
    private const string ResourceName = "Lyg.Hub.Features.Video.cameras.seed.json";

    public static IReadOnlyList<Camera> Sample() =>
        EmbeddedJson.Read(typeof(CameraSeeder).Assembly, ResourceName, CameraSeedJsonContext.Default.CameraSeedFile).Cameras
            .Select(c => new Camera(c.CameraId, c.Name, new GeoPoint(c.Lat, c.Lon), null, c.Address))
            .ToList();

    protected override string Registry => "Camera registry";

    protected override IReadOnlyList<Camera> LoadSample() => Sample();

    protected override Task EnsureTableAsync(CancellationToken cancellationToken) => cameras.EnsureTableAsync(cancellationToken);

    protected override Task<int> AddMissingAsync(IReadOnlyList<Camera> sample, CancellationToken cancellationToken) => cameras.SeedAsync(sample, cancellationToken);
}

internal sealed record CameraSeedFile(string Note, IReadOnlyList<CameraSeedEntry> Cameras);

internal sealed record CameraSeedEntry(string CameraId, string Name, double Lat, double Lon, string? Address);

/// <summary>Strict reading: a seed entry missing a member fails startup instead of planting a broken camera.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CameraSeedFile))]
internal sealed partial class CameraSeedJsonContext : JsonSerializerContext;
