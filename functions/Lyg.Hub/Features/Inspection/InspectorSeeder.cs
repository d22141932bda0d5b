using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Contracts;
using Lyg.Orchestrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// Plants the sample inspectors (inspectors.seed.json) at startup when <c>Inspection:SeedSample</c> is true
/// (Development and local settings): their ids are subjects to ask POST dev/tokens for, their patrol areas communities
/// of the synthetic sample city. Inspectors already there are never touched, so administrators' changes survive restarts.
/// </summary>
public sealed partial class InspectorSeeder(InspectorStore inspectors, ILogger<InspectorSeeder> logger) : IHostedService
{
    private const string ResourceName = "Lyg.Hub.Features.Inspection.inspectors.seed.json";

    public static IReadOnlyList<InspectorView> Sample() =>
        EmbeddedJson.Read(typeof(InspectorSeeder).Assembly, ResourceName, InspectorSeedJsonContext.Default.InspectorSeedFile).Inspectors
            .Select(i => new InspectorView(i.InspectorId, i.Name, i.PatrolAreas, Active: true))
            .ToList();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await inspectors.EnsureTableAsync(cancellationToken);
        var sample = Sample();
        var added = await inspectors.SeedAsync(sample, cancellationToken);
        LogSeeded(logger, added, sample.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Inspector registry: {Added} of {Total} sample inspectors were missing and have been added")]
    private static partial void LogSeeded(ILogger logger, int added, int total);
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
