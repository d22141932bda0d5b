using Lyg.Contracts;
using Lyg.Hub.Features.Open311;
using Lyg.Orchestrations.Codes;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Features.Open311;

/// <summary>The services are the configured scheme's categories, named by kind and code, grouped by major class.</summary>
public sealed class Open311ServicesTests
{
    [Theory]
    [InlineData(CodeSchemes.Gb2013)]
    [InlineData(CodeSchemes.Gb2026)]
    public void Every_category_of_the_scheme_is_a_realtime_service_without_metadata_grouped_by_its_major_class(string scheme)
    {
        var services = new Open311Services(CodeCatalog.Default, Options.Create(new Open311Options { CodeScheme = scheme }));
        var entries = CodeCatalog.Default.List(scheme);

        Assert.Equal(entries.Select(e => Open311Services.CodeOf(e.Kind, e.Code)), services.All.Select(s => s.ServiceCode));
        Assert.Equal(entries.Select(e => e.MajorName), services.All.Select(s => s.Group));
        Assert.All(services.All, s => Assert.Equal(("realtime", false), (s.Type, s.Metadata)));
        Assert.Equal(services.All.Count, services.All.Select(s => s.ServiceCode).Distinct().Count());
    }

    [Fact]
    public void A_code_that_is_a_component_and_an_event_is_two_services_and_each_finds_its_own_kind()
    {
        var services = new Open311Services(CodeCatalog.Default, Options.Create(new Open311Options()));

        Assert.True(services.TryFind("component-0101", out var component));
        Assert.True(services.TryFind("event-0101", out var @event));
        Assert.Equal((CodeKind.Component, CodeKind.Event), (component.Kind, @event.Kind));
        Assert.NotEqual(component.Name, @event.Name);
    }

    [Theory]
    [InlineData("0101")]
    [InlineData("event-9999")]
    [InlineData("Event-0101")]
    [InlineData("event-")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_no_service(string? code)
    {
        Assert.False(new Open311Services(CodeCatalog.Default, Options.Create(new Open311Options())).TryFind(code, out _));
    }

    [Fact]
    public void An_unknown_scheme_stops_the_host_with_the_setting_named()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => new Open311Services(CodeCatalog.Default, Options.Create(new Open311Options { CodeScheme = "gb1999" })));

        Assert.Contains("Open311:CodeScheme", failure.Message, StringComparison.Ordinal);
    }
}
