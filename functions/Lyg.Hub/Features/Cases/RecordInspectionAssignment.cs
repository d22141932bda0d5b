using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>The assignment as the timeline records it: the task's kind and the inspector it went to, after the default was resolved.</summary>
public sealed record InspectionAssignment(InspectionKind? Kind, string? InspectorId, string? Note);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InspectionAssignment))]
internal sealed partial class InspectionAssignmentJson : JsonSerializerContext;

/// <summary>
/// The timeline entry of <c>assign-inspector</c>: the center gave the case's 核实 task (while it is reported) or 核查 task
/// (while handled) to an inspector. The case's state and stage clock stay as they are: the task is due when the stage
/// is. POST v1/cases/{caseId}/actions/assign-inspector reaches it through <c>Inspection.AssignInspector</c>, which
/// resolves the inspector first and writes the task once the entry is committed. A video-analytics client asks for the
/// 核实 of its own alert below the confidence threshold (<c>Video.TakeVideoAlerts</c>).
/// </summary>
public sealed class RecordInspectionAssignment(StageClocks clocks) : CaseAction<InspectionAssignment>(clocks)
{
    public override string Name => CaseActionNames.AssignInspector;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Operator, Roles.ShiftLead, Roles.Dispatcher, Roles.Video);

    protected override JsonTypeInfo<InspectionAssignment> BodyType => InspectionAssignmentJson.Default.InspectionAssignment;

    public override Dictionary<string, string[]> Validate(InspectionAssignment body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (body.Kind is null)
        {
            errors["kind"] = ["The kind of task: verify or check."];
        }

        if (string.IsNullOrEmpty(body.InspectorId))
        {
            errors["inspectorId"] = ["The inspector the task goes to."];
        }

        LimitText(errors, "note", body.Note);
        return errors;
    }

    /// <summary>The stage of the case a task of this kind lies in: a verify task in 立案 (reported), a check task in 核查 (handled).</summary>
    public static CaseState StateOf(InspectionKind kind) => kind == InspectionKind.Verify ? CaseState.Reported : CaseState.Handled;

    protected override string? ReasonOf(InspectionAssignment body) =>
        $"{(body.Kind == InspectionKind.Verify ? "核实" : "核查")} → {body.InspectorId}" + (string.IsNullOrWhiteSpace(body.Note) ? "" : ": " + body.Note.Trim());

    protected override CaseDecision Decide(InspectionAssignment body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, StateOf(body.Kind!.Value)) ?? CaseDecision.Allow(facts);
}
