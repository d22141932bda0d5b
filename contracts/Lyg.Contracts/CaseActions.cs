using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>Action names of POST v1/cases/{caseId}/actions/{action}.</summary>
public static class CaseActionNames
{
    public const string Register = "register";
    public const string Void = "void";
    public const string Dispatch = "dispatch";
    public const string Accept = "accept";
    public const string Return = "return";
    public const string Complete = "complete";
    public const string Check = "check";
    public const string RequestPostponement = "request-postponement";
    public const string DecidePostponement = "decide-postponement";
    public const string RequestSuspension = "request-suspension";
    public const string DecideSuspension = "decide-suspension";
    public const string Resume = "resume";
    public const string Rate = "rate";
    public const string Merge = "merge";
    public const string AcknowledgeSlip = "acknowledge-slip";
    /// <summary>The center gives a case's 核实 or 核查 task to an inspector (Features/Inspection).</summary>
    public const string AssignInspector = "assign-inspector";
    /// <summary>核实, recorded when an inspector completes a verify task.</summary>
    public const string Verify = "verify";
}

/// <summary>
/// 立案: the operator confirms the category and urgency, and for a gb2013 code that names a component and an event
/// alike, which of the two the case is (<see cref="CategoryKind"/>).
/// </summary>
public sealed record RegisterCaseRequest(string? CategoryCode, Urgency? Urgency, string? Reason, CodeKind? CategoryKind = null);

/// <summary>作废: the case is not a city-management problem (duplicate, out of scope, false report).</summary>
public sealed record VoidCaseRequest(string? Reason);

/// <summary>派单: the dispatcher sends the case to a responsible unit.</summary>
public sealed record DispatchCaseRequest(string? UnitCode, string? Instructions);

/// <summary>A remark that some actions accept and none require: 签收, 恢复.</summary>
public sealed record ActionNote(string? Note);

/// <summary>回退 by the unit, or 挂账 requested by the unit: both need a reason.</summary>
public sealed record ReasonedRequest(string? Reason);

/// <summary>处置完成: what the unit did, with photos of the result.</summary>
public sealed record CompleteCaseRequest(string? Result, IReadOnlyList<string>? AttachmentIds);

/// <summary>核查: passed closes the case; failed sends it back to the same unit for rework (返工).</summary>
public sealed record CheckCaseRequest(bool? Passed, string? Remarks, IReadOnlyList<string>? AttachmentIds);

/// <summary>延期申请: the unit asks for more working days for handling.</summary>
public sealed record RequestPostponementRequest(int? ExtraWorkingDays, string? Reason);

/// <summary>A decision on a pending postponement or suspension request.</summary>
public sealed record DecisionRequest(bool? Approved, string? Reason);

/// <summary>The reporter's satisfaction after close (回访评价).</summary>
public sealed record RateCaseRequest(Satisfaction? Satisfaction, string? Comment);

/// <summary>The unit confirms it has seen a supervision slip.</summary>
public sealed record AcknowledgeSlipRequest(string? SlipId);

/// <summary>202 answer to an action.</summary>
public sealed record CaseActionAccepted(string CaseId, CaseState State, string StatusUrl);

[JsonConverter(typeof(WireEnumConverter<Satisfaction>))]
public enum Satisfaction
{
    /// <summary>满意.</summary>
    [JsonStringEnumMemberName("satisfied")]
    Satisfied,

    /// <summary>基本满意.</summary>
    [JsonStringEnumMemberName("basicallySatisfied")]
    BasicallySatisfied,

    /// <summary>不满意.</summary>
    [JsonStringEnumMemberName("dissatisfied")]
    Dissatisfied,
}
