using System.Text.Json.Serialization;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Orchestrations;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// Plants the sample inspectors (inspectors.seed.json) at startup when <c>Inspection:SeedSample</c> is true
/// (Development and local settings): their ids are subjects to ask POST dev/tokens for, their patrol areas communities
/// of the synthetic sample city. Inspectors already there are never touched, so administrators' changes survive restarts.
/// </summary>
public sealed class InspectorSeeder(InspectorStore inspectors, ILogger<InspectorSeeder> logger) : SampleSeeder<InspectorView>(logger)
{
    private const string ResourceName = "Lyg.Hub.Features.Inspection.inspectors.seed.json";

    public static IReadOnlyList<InspectorView> Sample() =>
        EmbeddedJson.Read(typeof(InspectorSeeder).Assembly, ResourceName, InspectorSeedJsonContext.Default.InspectorSeedFile).Inspectors
            .Select(i => new InspectorView(i.InspectorId, i.Name, i.PatrolAreas, Active: true))
            .ToList();

    protected override string Registry => "Inspector registry";

    protected override IReadOnlyList<InspectorView> LoadSample() => Sample();

    protected override Task EnsureTableAsync(CancellationToken cancellationToken) => inspectors.EnsureTableAsync(cancellationToken);

    protected override Task<int> AddMissingAsync(IReadOnlyList<InspectorView> sample, CancellationToken cancellationToken) => inspectors.SeedAsync(sample, cancellationToken);
}

internal sealed record InspectorSeedFile(string Note, IReadOnlyList<InspectorSeedEntry> Inspectors);

internal sealed record InspectorSeedEntry(string InspectorId, string Name, IReadOnlyList<string> PatrolAreas);

/// <summary>Strict reading: a seed entry missing a member fails startup instead of planting a broken inspector.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(InspectorSeedFile))]
internal sealed partial class InspectorSeedJsonContext : JsonSerializerContext;
