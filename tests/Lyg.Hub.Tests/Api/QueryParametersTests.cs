using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lyg.Hub.Tests.Api;

public sealed class QueryParametersTests
{
    [Theory]
    [InlineData("reported,closed")]
    [InlineData("reported, closed")]
    [InlineData("1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("Reported")]
    [InlineData(" reported")]
    [InlineData("reported ")]
    [InlineData("nonsense")]
    public void An_enum_takes_only_one_exact_wire_name(string sent)
    {
        var query = Query(("state", sent));

        Assert.Null(query.Enum<CaseState>("state"));
        Assert.Equal(["One of: reported, registered, voided, dispatched, accepted, returned, handled, closed, suspended, merged."], query.Errors["state"]);
    }

    [Fact]
    public void A_repeated_enum_parameter_is_refused()
    {
        var query = new QueryParameters(new QueryCollection(new Dictionary<string, StringValues> { ["state"] = new(["reported", "closed"]) }));

        Assert.Null(query.Enum<CaseState>("state"));
        Assert.True(query.Errors.ContainsKey("state"));
    }

    [Fact]
    public void Enums_are_read_by_the_same_wire_names_as_json()
    {
        var query = Query(("satisfaction", "basicallySatisfied"), ("kind", "streetOffice"), ("source", "hotline12345"), ("crs", "bd09"));

        Assert.Equal(Satisfaction.BasicallySatisfied, query.Enum<Satisfaction>("satisfaction"));
        Assert.Equal(UnitKind.StreetOffice, query.Enum<UnitKind>("kind"));
        Assert.Equal(CaseSource.Hotline12345, query.Enum<CaseSource>("source"));
        Assert.Equal(CoordinateSystem.Bd09, query.Enum<CoordinateSystem>("crs"));
        Assert.Empty(query.Errors);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00")]
    public void Instants_at_the_ends_of_the_calendar_are_accepted(string sent)
    {
        var query = Query(("from", sent));

        Assert.NotNull(query.Instant("from"));
        Assert.Empty(query.Errors);
    }

    private static QueryParameters Query(params (string Name, string Value)[] parameters) =>
        new(new QueryCollection(parameters.ToDictionary(p => p.Name, p => new StringValues(p.Value))));
}
