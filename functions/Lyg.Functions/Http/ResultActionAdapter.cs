using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Lyg.Functions.Http;

/// <summary>Lets the shared handlers' minimal-API results flow through the Functions ASP.NET Core integration.</summary>
internal static class ResultActionAdapter
{
    public static IActionResult AsActionResult(this IResult result) => new ResultAction(result);

    private sealed class ResultAction(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
