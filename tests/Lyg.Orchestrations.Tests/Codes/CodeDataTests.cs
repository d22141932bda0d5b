using Lyg.Contracts;
using Lyg.Orchestrations.Codes;

namespace Lyg.Orchestrations.Tests.Codes;

/// <summary>Checks on maintained code data: every problem is reported at once.</summary>
public sealed class CodeDataTests
{
    private static readonly CodeEntryData Cover = new("0101", "供水井盖", CodeConfidence.Transcribed);

    [Fact]
    public void A_small_catalogue_builds_from_its_own_data()
    {
        var catalog = CodeCatalog.FromData(new CodeData(
            [
                new CodeSchemeData("old", "t", "s", [new CodeMajorData(CodeKind.Component, "01", "公用设施", [Cover])]),
                new CodeSchemeData("new", "t", "s", [new CodeMajorData(CodeKind.Component, "01", "市政公用设施", [new("01001", "供水井盖", CodeConfidence.Transcribed)])]),
            ],
            [new CodeMappingData("old", "new", [new CodePairData(CodeKind.Component, "0101", "01001")])]));

        Assert.Equal("0101", catalog.Map("new", CodeKind.Component, "01001", "old")?.Code);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var data = new CodeData(
            [
                new CodeSchemeData("GB", "t", "s", []),
                new CodeSchemeData("x", "t", "s",
                [
                    new CodeMajorData(CodeKind.Component, "1", "bad major", []),
                    new CodeMajorData(CodeKind.Component, "01", "ok", [Cover, Cover, new("0201", "wrong major", CodeConfidence.Transcribed), new("01011", "too long", CodeConfidence.Transcribed)]),
                ]),
            ],
            [
                new CodeMappingData("x", "y", []),
                new CodeMappingData("x", "x", []),
            ]);

        var thrown = Assert.Throws<ArgumentException>(() => CodeCatalog.FromData(data));

        Assert.Contains("scheme 'GB' needs a unique id", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("x Component major '1' is not a unique 2-digit code", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("x Component code 0101 is listed twice", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("x Component code '0201' is not 4 digits starting with its major 01", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("x Component code '01011' is not 4 digits", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("mapping x → y needs two different known schemes", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("mapping x → x needs two different known schemes", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_pairs_name_known_codes_once()
    {
        var scheme = (string id) => new CodeSchemeData(id, "t", "s", [new CodeMajorData(CodeKind.Component, "01", "m", [Cover, new("0102", "污水井盖", CodeConfidence.Transcribed)])]);
        var data = new CodeData(
            [scheme("a"), scheme("b")],
            [new CodeMappingData("a", "b",
            [
                new CodePairData(CodeKind.Component, "0101", "0101"),
                new CodePairData(CodeKind.Component, "0102", "0101"),
                new CodePairData(CodeKind.Event, "0101", "0101"),
            ])]);

        var thrown = Assert.Throws<ArgumentException>(() => CodeCatalog.FromData(data));

        Assert.Contains("Component 0102 → 0101 maps a code twice", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Event 0101 → 0101 names an unknown code", thrown.Message, StringComparison.Ordinal);
    }
}
