using System.Text.Json.Serialization;

namespace Lyg.Orchestrations.Time;

/// <summary>The timed stages of a case: register (立案), dispatch (派单), handle (处置), check (核查).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStage>))]
public enum CaseStage
{
    [JsonStringEnumMemberName("register")]
    Register,
    [JsonStringEnumMemberName("dispatch")]
    Dispatch,
    [JsonStringEnumMemberName("handle")]
    Handle,
    [JsonStringEnumMemberName("check")]
    Check,
}

/// <summary>The time limit of every stage for one category and urgency.</summary>
public sealed record StageLimits(TimeLimit Register, TimeLimit Dispatch, TimeLimit Handle, TimeLimit Check)
{
    public TimeLimit For(CaseStage stage) => stage switch
    {
        CaseStage.Register => Register,
        CaseStage.Dispatch => Dispatch,
        CaseStage.Handle => Handle,
        CaseStage.Check => Check,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown case stage."),
    };
}
