namespace Lyg.Contracts;

/// <summary>Action names of POST v1/cases/{caseId}/actions/{action}.</summary>
public static class CaseActionNames
{
    public const string Register = "register";
    public const string Void = "void";
}

/// <summary>立案: the operator confirms the category and urgency.</summary>
public sealed record RegisterCaseRequest(string? CategoryCode, Urgency? Urgency, string? Reason);

/// <summary>作废: the case is not a city-management problem (duplicate, out of scope, false report).</summary>
public sealed record VoidCaseRequest(string? Reason);

/// <summary>202 answer to an action.</summary>
public sealed record CaseActionAccepted(string CaseId, CaseState State, string StatusUrl);
