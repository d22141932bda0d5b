using System.Text.Json.Serialization;
using System.Text.Json;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Advertisements;

/// <summary>
/// Plants the sample advertisements (advertisements.seed.json) at startup when <c>Advertisements:SeedSample</c> is true
/// (Development and local settings). Advertisements already there are never touched, so renewals made since survive.
/// </summary>
public sealed class AdvertisementSeeder(AdvertisementStore advertisements, ILogger<AdvertisementSeeder> logger) : SampleSeeder<Advertisement>(logger)
{
    private const string ResourceName = "Lyg.Hub.Features.Advertisements.advertisements.seed.json";

    public static IReadOnlyList<Advertisement> Sample() =>
        EmbeddedJson.Read(typeof(AdvertisementSeeder).Assembly, ResourceName, AdvertisementSeedJsonContext.Default.AdvertisementSeedFile).Advertisements
            .Select(a => new Advertisement(a.AdvertisementId, a.Kind, a.Owner, new GeoPoint(a.Lat, a.Lon), null, a.PermitNumber, a.PermitValidFrom, a.PermitValidUntil))
            .ToList();

    protected override string Registry => "Advertisement registry";

    protected override IReadOnlyList<Advertisement> LoadSample() => Sample();

    protected override Task EnsureTableAsync(CancellationToken cancellationToken) => advertisements.EnsureTableAsync(cancellationToken);

    protected override Task<int> AddMissingAsync(IReadOnlyList<Advertisement> sample, CancellationToken cancellationToken) => advertisements.SeedAsync(sample, cancellationToken);
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
