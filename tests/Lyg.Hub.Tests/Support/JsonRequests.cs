using System.Text;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Support;

/// <summary>HTTP requests with a body, built on <see cref="DefaultHttpContext"/>.</summary>
public static class JsonRequests
{
    public static HttpRequest With(string body, string? contentType = "application/json", bool declareLength = true) =>
        With(Encoding.UTF8.GetBytes(body), contentType, declareLength);

    public static HttpRequest With(byte[] body, string? contentType = "application/json", bool declareLength = true)
    {
        ArgumentNullException.ThrowIfNull(body);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        if (declareLength)
        {
            context.Request.ContentLength = body.Length;
        }

        return context.Request;
    }
}
