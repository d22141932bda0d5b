using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Orchestrations.Codes;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Codes;

/// <summary>
/// GET v1/codes?scheme=&amp;kind=: the categories of one code scheme, for clients building their category pickers.
/// The scheme is required, because a code means different things in different schemes (event 0401 is 街面秩序 in
/// gb2013 and 突发事件 in cj214).
/// </summary>
public sealed class ListCodes(CodeCatalog catalog)
{
    public IResult Handle(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = new QueryParameters(http.Request.Query);
        var scheme = query.Text("scheme");
        var kind = query.Enum<CodeKind>("kind");
        if (!query.Errors.ContainsKey("scheme") && !catalog.HasScheme(scheme))
        {
            query.Errors["scheme"] = [$"One of: {string.Join(", ", catalog.Schemes)}."];
        }

        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        var items = catalog.List(scheme!, kind)
            .Select(e => new CodeItem(e.Kind, e.Code, e.Name, e.MajorCode, e.MajorName, e.IsProvisional))
            .ToList();
        return TypedResults.Json(new CodeList(scheme!, items), LygJsonContext.Wire.CodeList);
    }
}
