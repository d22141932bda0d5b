using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Tests.Support;

/// <summary>
/// Runs an action's rules without storage: the body is prepared as the handler would, then the transition's decision
/// (the action's rule followed by the stage clock) is taken over the given facts.
/// </summary>
internal static class ActionDecisions
{
    /// <summary>The case id actions are prepared for when the test has no stored case.</summary>
    public const string AnyCase = "case-without-storage";

    public static async Task<CaseTransition> PrepareAsync(ICaseAction action, Caller caller, string body, DateTimeOffset now, string caseId = AnyCase)
    {
        ArgumentNullException.ThrowIfNull(action);
        var prepared = await action.PrepareAsync(JsonRequests.With(body), caseId, caller, now, CancellationToken.None);
        if (prepared.Problem is not null)
        {
            var answer = await ResultRunner.ExecuteAsync(prepared.Problem);
            Assert.Fail($"'{action.Name}' refused the body with {answer.Status}: {answer.Body}");
        }

        return prepared.Transition!;
    }

    public static async Task<CaseDecision> DecideAsync(ICaseAction action, Caller caller, string body, CaseFacts facts, DateTimeOffset now) =>
        (await PrepareAsync(action, caller, body, now)).Decide(facts);

    /// <summary>The facts after an action the rules allow; fails the test when they refuse it.</summary>
    public static async Task<CaseFacts> AllowedAsync(ICaseAction action, Caller caller, string body, CaseFacts facts, DateTimeOffset now)
    {
        var decision = await DecideAsync(action, caller, body, facts, now);
        Assert.True(decision.Next is not null, $"'{action.Name}' was refused: {decision.Refusal} {decision.Detail}");
        Assert.Equal(TransitionOutcome.Applied, decision.Refusal);
        Assert.Null(decision.Detail);
        return decision.Next!;
    }

    /// <summary>Asserts the rules refuse the action with <paramref name="outcome"/>, and returns the detail they give.</summary>
    public static async Task<string> RefusedAsync(
        TransitionOutcome outcome, ICaseAction action, Caller caller, string body, CaseFacts facts, DateTimeOffset now)
    {
        var decision = await DecideAsync(action, caller, body, facts, now);
        Assert.Null(decision.Next);
        Assert.Equal(outcome, decision.Refusal);
        Assert.False(string.IsNullOrWhiteSpace(decision.Detail));
        return decision.Detail!;
    }
}
