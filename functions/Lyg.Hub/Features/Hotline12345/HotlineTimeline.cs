using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Contracts;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>The details of a work order that a later push may add to or change, as the order row keeps them.</summary>
public sealed record HotlineOrderDetails(
    string Description,
    string? Address,
    Urgency? Urgency,
    IReadOnlyList<string> CategoryPath,
    DateTimeOffset? DueAt,
    IReadOnlyList<string> AttachmentUrls);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HotlineOrderDetails))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class HotlineJsonContext : JsonSerializerContext;

/// <summary>
/// What the 12345 channel writes on a case's timeline besides its transitions: a later push's added details
/// (<c>hotline-update</c>), an urging (<c>hotline-urge</c>, 催办) and a follow-up result (<c>hotline-callback</c>, 回访).
/// Each is a timeline entry in the case store's transaction that leaves the state as it is, keyed so that a retry
/// writes it once; the actor is the hotline client.
/// </summary>
public static class HotlineTimeline
{
    public const string Update = "hotline-update";
    public const string Urge = "hotline-urge";
    public const string Callback = "hotline-callback";

    /// <summary>The rel of the case link to its work order; the ref is <c>{clientId}/{workOrderNo}</c>.</summary>
    public const string WorkOrderLink = "hotline12345-work-order";

    /// <summary>The rel of a case link to an attachment 12345 holds: kept as a link, never fetched.</summary>
    public const string AttachmentLink = "hotline12345-attachment";

    public static string WorkOrderRef(string clientId, string workOrderNo) => $"{clientId}/{workOrderNo}";

    /// <summary>The client id and number of a hotline case's work order, from its links; null for other cases.</summary>
    public static (string ClientId, string WorkOrderNo)? WorkOrderOf(IReadOnlyList<CaseLink>? links) =>
        links?.FirstOrDefault(l => l.Rel == WorkOrderLink)?.Ref.Split('/', 2) is [var client, var number] ? (client, number) : null;

    /// <summary>Adds the entry once per <paramref name="entryKey"/>; false when the case does not exist.</summary>
    public static async Task<bool> AddAsync(
        CaseStore cases, string caseId, string action, string clientId, string? reason, string entryKey, DateTimeOffset at,
        Func<CaseFacts, CaseFacts>? change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var transition = new CaseTransition(
            action, clientId, Roles.Hotline12345, at, reason, [], facts => CaseDecision.Allow(change is null ? facts : change(facts)));
        var hash = HotlineOrderStore.Hash($"{action}\n{entryKey}");
        var result = await cases.TransitionAsync(caseId, transition, new RequestKey(HotlineOrderStore.Hash($"hotline\n{clientId}\n{action}\n{entryKey}"), hash), cancellationToken);
        return result.Outcome != TransitionOutcome.NotFound;
    }
}
