using System.Text.Json;
using System.Text.RegularExpressions;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Readings;

namespace Lyg.Hub.Features.Video;

/// <summary>One alert as read and checked, with its snapshot decoded and re-encoded without metadata.</summary>
public sealed record VideoAlert(string AlertId, string CameraId, string EventKind, double Confidence, DateTimeOffset ObservedAt, ProcessedPhoto Snapshot);

/// <summary>
/// Reads a video alert document, <c>{"alerts": [{"alertId", "cameraId", "eventKind", "confidence", "observedAt",
/// "snapshot"}]}</c>, and names every fault by its JSON path (<c>alerts[2].confidence</c>). The snapshot is base64
/// inline and must decode to a JPEG, PNG or WebP within <see cref="VideoOptions.MaxSnapshotBytes"/>; it is re-encoded
/// here as every photo is. A <c>snapshotUrl</c> is refused: the hub fetches nothing a caller names (no requests to
/// addresses a client picks, no waiting on the platform's file server). A document with any fault is refused whole.
/// Cameras are checked against the registry after this, by <see cref="TakeVideoAlerts"/>.
/// </summary>
public static partial class VideoAlertDocument
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static (IReadOnlyList<VideoAlert> Alerts, Dictionary<string, string[]> Errors) Read(
        ReadOnlyMemory<byte> utf8, VideoOptions limits, PhotoProcessor photos, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(photos);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            return ([], new() { ["$"] = [$"Not one JSON document: {ex.Message}"] });
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("alerts", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return ([], new() { ["alerts"] = ["An object with an array of alerts is required."] });
            }

            var count = list.GetArrayLength();
            if (count is 0 || count > limits.MaxAlertsPerBatch)
            {
                return ([], new() { ["alerts"] = [$"1 to {limits.MaxAlertsPerBatch} alerts."] });
            }

            var errors = new Dictionary<string, string[]>();
            var alerts = new List<VideoAlert>(count);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (ReadOne(item, $"alerts[{i}]", limits, photos, now, errors) is { } alert)
                {
                    if (ids.Add(alert.AlertId))
                    {
                        alerts.Add(alert);
                    }
                    else
                    {
                        errors[$"alerts[{i}].alertId"] = [$"Alert {alert.AlertId} is in the batch twice."];
                    }
                }

                i++;
            }

            return errors.Count > 0 ? ([], errors) : (alerts, errors);
        }
    }

    private static VideoAlert? ReadOne(JsonElement item, string path, VideoOptions limits, PhotoProcessor photos, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors[path] = ["An alert is an object."];
            return null;
        }

        var before = errors.Count;
        var alertId = Id(item, "alertId", path, errors);
        var cameraId = Id(item, "cameraId", path, errors);
        string? kind = item.TryGetProperty("eventKind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        if (kind is null || !limits.EventKinds.ContainsKey(kind))
        {
            errors[$"{path}.eventKind"] = [$"One of: {string.Join(", ", limits.EventKinds.Keys.Order(StringComparer.Ordinal))}."];
        }

        double confidence = 0;
        if (!item.TryGetProperty("confidence", out var c) || c.ValueKind != JsonValueKind.Number || !c.TryGetDouble(out confidence) || !double.IsFinite(confidence)
            || confidence is < 0 or > 1)
        {
            errors[$"{path}.confidence"] = ["A number from 0 to 1."];
        }

        DateTimeOffset observedAt = default;
        if (!item.TryGetProperty("observedAt", out var at) || at.ValueKind != JsonValueKind.String || !TelemetryDocument.TryParseTime(at.GetString()!, out observedAt))
        {
            errors[$"{path}.observedAt"] = ["An RFC 3339 time with an offset, e.g. 2026-12-01T08:30:00+08:00."];
        }
        else if (observedAt > now + limits.MaxClockSkew)
        {
            errors[$"{path}.observedAt"] = [$"In the future: more than {limits.MaxClockSkew} ahead of the hub's clock."];
        }

        var snapshot = Snapshot(item, path, limits, photos, errors);
        return errors.Count == before ? new VideoAlert(alertId!, cameraId!, kind!, confidence, observedAt, snapshot!) : null;
    }

    private static string? Id(JsonElement item, string name, string path, Dictionary<string, string[]> errors)
    {
        var id = item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (id is null || !IdShape().IsMatch(id))
        {
            errors[$"{path}.{name}"] = ["1 to 64 letters, digits, '.', '_' or '-'."];
            return null;
        }

        return id;
    }

    private static ProcessedPhoto? Snapshot(JsonElement item, string path, VideoOptions limits, PhotoProcessor photos, Dictionary<string, string[]> errors)
    {
        var field = $"{path}.snapshot";
        if (item.TryGetProperty("snapshotUrl", out _))
        {
            errors[$"{path}.snapshotUrl"] = ["Snapshots are not fetched from URLs: send the picture inline as base64 in snapshot."];
            return null;
        }

        if (!item.TryGetProperty("snapshot", out var value) || value.ValueKind != JsonValueKind.String)
        {
            errors[field] = ["The snapshot is required: a JPEG, PNG or WebP picture as base64."];
            return null;
        }

        // Base64 takes 4 characters per 3 bytes: refuse by length before decoding anything too large.
        var text = value.GetString()!;
        if (text.Length > (limits.MaxSnapshotBytes + 2) / 3 * 4)
        {
            errors[field] = [$"At most {limits.MaxSnapshotBytes} bytes once decoded."];
            return null;
        }

        var bytes = new byte[text.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written == 0)
        {
            errors[field] = ["Not base64 of a picture."];
            return null;
        }

        if (written > limits.MaxSnapshotBytes)
        {
            errors[field] = [$"At most {limits.MaxSnapshotBytes} bytes once decoded."];
            return null;
        }

        var (photo, rejection) = photos.Process(bytes[..written]);
        if (rejection is not null)
        {
            errors[field] = [rejection.Message];
            return null;
        }

        return photo;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex IdShape();
}
