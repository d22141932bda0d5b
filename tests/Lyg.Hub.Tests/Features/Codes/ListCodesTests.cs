using Lyg.Hub.Features.Codes;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Codes;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Features.Codes;

public sealed class ListCodesTests
{
    private readonly ListCodes _handler = new(CodeCatalog.Default);

    [Fact]
    public async Task A_scheme_lists_components_then_events_in_code_order()
    {
        var answer = await ListAsync("?scheme=gb2013");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal("gb2013", answer.Body.GetProperty("scheme").GetString());
        var items = answer.Body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(259, items.Count);
        var first = items[0];
        Assert.Equal(
            ("component", "0101", "供水井盖", "01", "公用设施", false),
            (first.GetProperty("kind").GetString(), first.GetProperty("code").GetString(), first.GetProperty("name").GetString(),
                first.GetProperty("majorCode").GetString(), first.GetProperty("majorName").GetString(), first.GetProperty("provisional").GetBoolean()));
        Assert.Equal("event", items[^1].GetProperty("kind").GetString());
        Assert.Equal("0602", items[^1].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("?scheme=gb2026&kind=event", 97, 0)]
    [InlineData("?scheme=gb2026&kind=component", 153, 0)]
    [InlineData("?scheme=gb2013&kind=event", 106, 9)]
    [InlineData("?scheme=cj214&kind=event", 106, 9)]
    [InlineData("?scheme=cj214&kind=component", 0, 0)]
    [InlineData("?scheme=gb2013&kind=", 259, 9)]
    public async Task Kind_filters_and_provisional_rows_are_marked(string query, int count, int provisional)
    {
        var answer = await ListAsync(query);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var items = answer.Body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(count, items.Count);
        Assert.Equal(provisional, items.Count(i => i.GetProperty("provisional").GetBoolean()));
    }

    [Fact]
    public async Task Cj214_numbers_emergencies_04()
    {
        var answer = await ListAsync("?scheme=cj214&kind=event");

        var emergency = answer.Body.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == "路面塌陷");
        Assert.Equal(("0401", "突发事件类"), (emergency.GetProperty("code").GetString(), emergency.GetProperty("majorName").GetString()));
    }

    [Theory]
    [InlineData("", new[] { "scheme" })]
    [InlineData("?scheme=gb2099", new[] { "scheme" })]
    [InlineData("?scheme=GB2013", new[] { "scheme" })]
    [InlineData("?scheme=gb2013&kind=part", new[] { "kind" })]
    [InlineData("?scheme=gb2013&kind=1", new[] { "kind" })]
    [InlineData("?scheme=gb2013&kind=EVENT", new[] { "kind" })]
    [InlineData("?scheme=gb2013&kind=component,event", new[] { "kind" })]
    [InlineData("?kind=part", new[] { "kind", "scheme" })]
    public async Task An_unknown_scheme_or_kind_is_a_validation_problem(string query, string[] fields)
    {
        var answer = await ListAsync(query);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal(fields, answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_scheme_error_names_the_known_schemes()
    {
        var answer = await ListAsync("?scheme=x");

        Assert.Equal("One of: gb2013, cj214, gb2026.", answer.Body.GetProperty("errors").GetProperty("scheme")[0].GetString());
    }

    private async Task<ExecutedResult> ListAsync(string query)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        return await ResultRunner.ExecuteAsync(_handler.Handle(http), http);
    }
}
