using System.Diagnostics.CodeAnalysis;
using Lyg.Contracts;
using Lyg.Orchestrations.Codes;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Open311;

/// <summary>
/// The Open311 services are the categories (小类) of the configured code scheme, grouped by their major class (大类).
/// A service code names the kind with the code, <c>event-0101</c> or <c>component-0101</c>, because a 4-digit code
/// alone may be both (gb2013 0101 is 上水井盖 and 私搭乱建); it has no dot, which would run into the route's extension.
/// Every service is realtime (the case id is answered at once) and asks for no attributes.
/// </summary>
public sealed class Open311Services
{
    public const string RealtimeType = "realtime";

    private const string EventPrefix = "event-";
    private const string ComponentPrefix = "component-";

    private readonly CodeCatalog _codes;
    private readonly string _scheme;

    public Open311Services(CodeCatalog codes, IOptions<Open311Options> options)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(options);
        _codes = codes;
        _scheme = options.Value.CodeScheme;
        if (!codes.HasScheme(_scheme))
        {
            throw new OptionsValidationException(
                Open311Options.Section, typeof(Open311Options), [$"{Open311Options.Section}:CodeScheme names no code scheme; known: {string.Join(", ", codes.Schemes)}."]);
        }

        All = [.. codes.List(_scheme).Select(ToService)];
    }

    /// <summary>Every service in the scheme's order: components first, then events, each by code.</summary>
    public IReadOnlyList<Open311Service> All { get; }

    public static string CodeOf(CodeKind kind, string categoryCode) => (kind == CodeKind.Event ? EventPrefix : ComponentPrefix) + categoryCode;

    /// <summary>The category a service code names in the configured scheme; false for any other text.</summary>
    public bool TryFind(string? serviceCode, [NotNullWhen(true)] out CodeEntry? entry)
    {
        entry = null;
        var (kind, code) = serviceCode switch
        {
            not null when serviceCode.StartsWith(EventPrefix, StringComparison.Ordinal) => (CodeKind.Event, serviceCode[EventPrefix.Length..]),
            not null when serviceCode.StartsWith(ComponentPrefix, StringComparison.Ordinal) => (CodeKind.Component, serviceCode[ComponentPrefix.Length..]),
            _ => ((CodeKind?)null, ""),
        };
        if (kind is null)
        {
            return false;
        }

        entry = _codes.Find(_scheme, kind, code) is [var found, ..] ? found : null;
        return entry is not null;
    }

    /// <summary>The service of a case's category, in whatever scheme the case was filed; null when it has none or an unknown one.</summary>
    public Open311Service? OfCase(string? categoryCode, CodeKind? kind)
    {
        if (CodeSchemes.OfCategoryCode(categoryCode) is not { } scheme)
        {
            return null;
        }

        var entries = _codes.Find(scheme, kind, categoryCode!);
        return entries.Count == 1 ? ToService(entries[0]) : null;
    }

    private static Open311Service ToService(CodeEntry entry) => new(
        CodeOf(entry.Kind, entry.Code),
        entry.Name,
        $"{entry.MajorName}：{entry.Name}（{(entry.Kind == CodeKind.Event ? "事件" : "部件")} {entry.Code}）",
        Metadata: false,
        RealtimeType,
        string.Join(", ", entry.Name, entry.MajorName, entry.Kind == CodeKind.Event ? "事件" : "部件"),
        entry.MajorName);
}
