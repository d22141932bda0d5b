using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Attachments;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Video;

/// <summary>
/// POST v1/video/alerts: a video-analytics platform's alerts, the HTTP twin of the video event on Event Hubs, through
/// the same <see cref="TakeVideoAlerts"/>. All or nothing: a bad alert (a missing field, a confidence outside 0 to 1, an
/// unknown event kind or camera, a snapshot that is no picture or too large) is a 400 naming its path
/// (<c>alerts[1].snapshot</c>) and nothing is written; else 202 with what became of each alert. Repeating a request
/// answers the same and changes nothing, so a platform that saw no answer sends it again.
/// </summary>
public sealed class PostVideoAlerts(TakeVideoAlerts take, PhotoProcessor photos, IOptions<VideoOptions> options, IOptions<SigningOptions> signing, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (body, unreadable) = await ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return unreadable!;
        }

        var (alerts, errors) = VideoAlertDocument.Read(body, options.Value, photos, clock.GetUtcNow());
        if (errors.Count > 0)
        {
            return errors.TryGetValue("$", out var malformed) ? Problems.Malformed(malformed[0]) : Problems.Validation(errors);
        }

        var (cameras, unknown) = await take.FindCamerasAsync(alerts, http.RequestAborted);
        if (unknown.Count > 0)
        {
            return Problems.Validation(unknown);
        }

        var taken = await take.TakeAsync(http.GetCaller().Subject, alerts, cameras, durable, http.RequestAborted);
        return TypedResults.Json(new VideoAlertsAccepted(taken), LygJsonContext.Wire.VideoAlertsAccepted, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// The JSON body: larger than other JSON bodies, since snapshots travel inside it, and bounded by what a signed
    /// request may carry (the signature check has read it whole already).
    /// </summary>
    private async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType());
        }

        return await JsonBody.ReadBytesAsync(request.Body, signing.Value.MaxBodyBytes, cancellationToken);
    }
}
