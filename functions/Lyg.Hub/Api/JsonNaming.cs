namespace Lyg.Hub.Api;

/// <summary>Enum member names as the wire spells them: camelCase, like the contracts' enum attributes.</summary>
public static class JsonNaming
{
    public static string Camel(string name) => string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
