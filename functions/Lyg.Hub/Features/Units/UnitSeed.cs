using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Contracts;
using Lyg.Orchestrations;

namespace Lyg.Hub.Features.Units;

/// <summary>The sample registry embedded as units.seed.json: its note and its units, all active.</summary>
public sealed record UnitSeed(string Note, IReadOnlyList<UnitView> Units)
{
    private const string ResourceName = "Lyg.Hub.Features.Units.units.seed.json";

    public static UnitSeed Load()
    {
        var file = EmbeddedJson.Read(typeof(UnitSeed).Assembly, ResourceName, UnitSeedJsonContext.Default.UnitSeedFile);
        return new UnitSeed(
            file.Note,
            file.Units.Select(u => new UnitView(u.Code, u.Name, u.Kind, u.ParentCode, u.NoticeContact, Active: true, u.ServiceArea)).ToList());
    }
}

internal sealed record UnitSeedFile(string Note, IReadOnlyList<UnitSeedEntry> Units);

internal sealed record UnitSeedEntry(
    string Code, string Name, UnitKind Kind, string? ParentCode = null, string? NoticeContact = null, UnitServiceArea? ServiceArea = null);

/// <summary>Strict reading: a seed entry missing a required member fails startup instead of planting a broken unit.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(UnitSeedFile))]
internal sealed partial class UnitSeedJsonContext : JsonSerializerContext;
