using System.Text;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Video;
using Lyg.Testing;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Features.Video;

/// <summary>Every fault a caller can put in a video alert document is named by its path, and the whole document is refused.</summary>
public sealed class VideoAlertDocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly VideoOptions Limits = new() { MaxAlertsPerBatch = 3, MaxSnapshotBytes = 64 * 1024 };
    private static readonly PhotoProcessor Photos = new(Options.Create(new AttachmentOptions()));
    private const string DefaultSnapshot = "the sample JPEG";
    private static readonly string Jpeg = Convert.ToBase64String(TestPhotos.Create(TestPhotos.Format.Jpeg));

    public static TheoryData<string, string> Faults => new()
    {
        { """{"alerts": []}""", "alerts" },
        { """{"alarms": [{}]}""", "alerts" },
        { """[1]""", "alerts" },
        { "not json", "$" },
        { $$"""{"alerts": [{{Alert()}}, {{Alert("a-2")}}, {{Alert("a-3")}}, {{Alert("a-4")}}]}""", "alerts" },
        { """{"alerts": [7]}""", "alerts[0]" },
        { $$"""{"alerts": [{{Alert(alertId: null)}}]}""", "alerts[0].alertId" },
        { $$"""{"alerts": [{{Alert(alertId: "\"a b\"")}}]}""", "alerts[0].alertId" },
        { $$"""{"alerts": [{{Alert(cameraId: null)}}]}""", "alerts[0].cameraId" },
        { $$"""{"alerts": [{{Alert(cameraId: "\"cam/1\"")}}]}""", "alerts[0].cameraId" },
        { $$"""{"alerts": [{{Alert(eventKind: null)}}]}""", "alerts[0].eventKind" },
        { $$"""{"alerts": [{{Alert(eventKind: "\"graffiti\"")}}]}""", "alerts[0].eventKind" },
        { $$"""{"alerts": [{{Alert(confidence: null)}}]}""", "alerts[0].confidence" },
        { $$"""{"alerts": [{{Alert(confidence: "-0.01")}}]}""", "alerts[0].confidence" },
        { $$"""{"alerts": [{{Alert(confidence: "1.0001")}}]}""", "alerts[0].confidence" },
        { $$"""{"alerts": [{{Alert(confidence: "\"0.9\"")}}]}""", "alerts[0].confidence" },
        { $$"""{"alerts": [{{Alert(observedAt: null)}}]}""", "alerts[0].observedAt" },
        { $$"""{"alerts": [{{Alert(observedAt: "\"2026-12-01 09:00:00\"")}}]}""", "alerts[0].observedAt" },
        { $$"""{"alerts": [{{Alert(observedAt: "\"2026-12-01T10:06:00+08:00\"")}}]}""", "alerts[0].observedAt" },
        { $$"""{"alerts": [{{Alert(snapshot: null)}}]}""", "alerts[0].snapshot" },
        { $$"""{"alerts": [{{Alert(snapshot: "\"%%%not-base64\"")}}]}""", "alerts[0].snapshot" },
        { $$"""{"alerts": [{{Alert(snapshot: $"\"{Convert.ToBase64String(Encoding.UTF8.GetBytes("just some text, not a picture"))}\"")}}]}""", "alerts[0].snapshot" },
        { $$"""{"alerts": [{{Alert(snapshot: $"\"{Convert.ToBase64String(TestPhotos.Pdf())}\"")}}]}""", "alerts[0].snapshot" },
        { $$"""{"alerts": [{{Alert(snapshot: $"\"{Convert.ToBase64String(new byte[(64 * 1024) + 1])}\"")}}]}""", "alerts[0].snapshot" },
        { $$"""{"alerts": [{{Alert(extra: ",\"snapshotUrl\": \"http://127.0.0.1/x.jpg\"")}}]}""", "alerts[0].snapshotUrl" },
        { $$"""{"alerts": [{{Alert()}}, {{Alert()}}]}""", "alerts[1].alertId" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_is_named_by_its_path_and_nothing_is_taken(string document, string path)
    {
        var (alerts, errors) = VideoAlertDocument.Read(Encoding.UTF8.GetBytes(document), Limits, Photos, Now);

        Assert.Empty(alerts);
        Assert.Contains(path, errors.Keys);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("0.8")]
    public void Confidences_at_the_ends_of_the_range_are_taken(string confidence)
    {
        var (alerts, errors) = VideoAlertDocument.Read(Encoding.UTF8.GetBytes($$"""{"alerts": [{{Alert(confidence: confidence)}}]}"""), Limits, Photos, Now);

        Assert.Empty(errors);
        Assert.Equal(double.Parse(confidence, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(alerts).Confidence);
    }

    [Fact]
    public void A_good_alert_is_read_with_its_snapshot_re_encoded_without_metadata()
    {
        var (alerts, errors) = VideoAlertDocument.Read(Encoding.UTF8.GetBytes($$"""{"alerts": [{{Alert()}}]}"""), Limits, Photos, Now);

        Assert.Empty(errors);
        var alert = Assert.Single(alerts);
        Assert.Equal(("a-1", "cam-1", "street-vending"), (alert.AlertId, alert.CameraId, alert.EventKind));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 58, 0, TimeSpan.FromHours(8)), alert.ObservedAt);
        Assert.Equal(TestPhotos.Latitude, alert.Snapshot.Exif.Latitude!.Value, 4);
        Assert.DoesNotContain(TestPhotos.Make, Encoding.ASCII.GetString(alert.Snapshot.Served), StringComparison.Ordinal);
    }

    private static string Alert(
        string? alertId = "a-1", string? cameraId = "cam-1", string? eventKind = "street-vending", string? confidence = "0.93",
        string? observedAt = "2026-12-01T09:58:00+08:00", string? snapshot = DefaultSnapshot, string extra = "")
    {
        var id = alertId is null ? "" : alertId.StartsWith('"') ? $"\"alertId\": {alertId}," : $"\"alertId\": \"{alertId}\",";
        var camera = cameraId is null ? "" : cameraId.StartsWith('"') ? $"\"cameraId\": {cameraId}," : $"\"cameraId\": \"{cameraId}\",";
        var kind = eventKind is null ? "" : eventKind.StartsWith('"') ? $"\"eventKind\": {eventKind}," : $"\"eventKind\": \"{eventKind}\",";
        var sure = confidence is null ? "" : $"\"confidence\": {confidence},";
        var at = observedAt is null ? "" : observedAt.StartsWith('"') ? $"\"observedAt\": {observedAt}," : $"\"observedAt\": \"{observedAt}\",";
        var picture = snapshot switch
        {
            null => "\"x\": 0",
            DefaultSnapshot => $"\"snapshot\": \"{Jpeg}\"",
            _ => $"\"snapshot\": {snapshot}",
        };
        return "{" + id + camera + kind + sure + at + picture + extra + "}";
    }
}
