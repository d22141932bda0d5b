using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Orchestrations;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Advertisements;

/// <summary>
/// Plants the sample advertisements (advertisements.seed.json) at startup when <c>Advertisements:SeedSample</c> is true
/// (Development and local settings). Advertisements already there are never touched, so renewals made since survive.
/// </summary>
public sealed partial class AdvertisementSeeder(AdvertisementStore advertisements, ILogger<AdvertisementSeeder> logger) : IHostedService
{
    private const string ResourceName = "Lyg.Hub.Features.Advertisements.advertisements.seed.json";

    public static IReadOnlyList<Advertisement> Sample() =>
        EmbeddedJson.Read(typeof(AdvertisementSeeder).Assembly, ResourceName, AdvertisementSeedJsonContext.Default.AdvertisementSeedFile).Advertisements
            .Select(a => new Advertisement(a.AdvertisementId, a.Kind, a.Owner, new GeoPoint(a.Lat, a.Lon), null, a.PermitNumber, a.PermitValidFrom, a.PermitValidUntil))
            .ToList();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await advertisements.EnsureTableAsync(cancellationToken);
        var sample = Sample();
        var added = await advertisements.SeedAsync(sample, cancellationToken);
        LogSeeded(logger, added, sample.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Advertisement registry: {Added} of {Total} sample advertisements were missing and have been added")]
    private static partial void LogSeeded(ILogger logger, int added, int total);
}

internal sealed record AdvertisementSeedFile(string Note, IReadOnlyList<AdvertisementSeedEntry> Advertisements);

internal sealed record AdvertisementSeedEntry(
    string AdvertisementId, string Kind, string Owner, double Lat, double Lon, string PermitNumber, DateOnly PermitValidFrom, DateOnly PermitValidUntil);

/// <summary>Strict reading: a seed entry missing a member fails startup instead of planting a broken advertisement.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(AdvertisementSeedFile))]
internal sealed partial class AdvertisementSeedJsonContext : JsonSerializerContext;
