using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>What became of the alert a case came from: escalated to <see cref="Level"/>, or cleared; an escalation may make the case urgent.</summary>
public sealed record AlertChange(string? AlertId, WarningLevel? Level, bool? Cleared, Urgency? Urgency);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlertChange))]
internal sealed partial class AlertChangeJson : JsonSerializerContext;

/// <summary>
/// 预警升级 / 预警解除 on the timeline of a case an alert created: the alert desk records its alert's escalation and its
/// clearing here, as the machine actor that reported the case. An escalation to an urgent level makes the case urgent,
/// so the stages still ahead take urgent time limits; clearing changes nothing but the timeline, since whether the
/// problem is fixed is for the unit and the check to say, not for a sensor that went quiet.
/// </summary>
public sealed class RecordAlert(StageClocks clocks) : CaseAction<AlertChange>(clocks)
{
    /// <summary>Not one of <see cref="CaseActionNames"/>: no person takes it; the alert desk applies it through the case commands.</summary>
    public const string ActionName = "record-alert";

    public override string Name => ActionName;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Gateway);

    protected override JsonTypeInfo<AlertChange> BodyType => AlertChangeJson.Default.AlertChange;

    public override Dictionary<string, string[]> Validate(AlertChange body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(body.AlertId))
        {
            errors["alertId"] = ["The alert the case came from."];
        }

        if ((body.Cleared is true) == (body.Level is not null))
        {
            errors["level"] = ["Either the level the alert escalated to, or cleared: true."];
        }

        return errors;
    }

    protected override string? ReasonOf(AlertChange body) =>
        body.Cleared is true ? $"预警解除 {body.AlertId}" : $"预警升级为{WarningLevels.Name(body.Level!.Value)} {body.AlertId}";

    protected override CaseDecision Decide(AlertChange body, Caller caller, CaseFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.IsFinished)
        {
            return CaseDecision.Conflict($"The case is {Wire(facts.State)}; its alert no longer changes it.");
        }

        return CaseDecision.Allow(body.Urgency is Urgency.Urgent ? facts with { Urgency = Urgency.Urgent } : facts);
    }
}
