using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Orchestrations;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Video;

/// <summary>
/// Plants the sample cameras (cameras.seed.json) at startup when <c>Video:SeedSample</c> is true (Development and local
/// settings), at the seats of the synthetic sample city's districts. Cameras already there are never touched.
/// </summary>
public sealed partial class CameraSeeder(CameraStore cameras, ILogger<CameraSeeder> logger) : IHostedService
{
    private const string ResourceName = "Lyg.Hub.Features.Video.cameras.seed.json";

    public static IReadOnlyList<Camera> Sample() =>
        EmbeddedJson.Read(typeof(CameraSeeder).Assembly, ResourceName, CameraSeedJsonContext.Default.CameraSeedFile).Cameras
            .Select(c => new Camera(c.CameraId, c.Name, new GeoPoint(c.Lat, c.Lon), null, c.Address))
            .ToList();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await cameras.EnsureTableAsync(cancellationToken);
        var sample = Sample();
        var added = await cameras.SeedAsync(sample, cancellationToken);
        LogSeeded(logger, added, sample.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera registry: {Added} of {Total} sample cameras were missing and have been added")]
    private static partial void LogSeeded(ILogger logger, int added, int total);
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
