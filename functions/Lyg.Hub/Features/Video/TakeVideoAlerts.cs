using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Inspection;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Time;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Video;

/// <summary>
/// Video-analytics alerts from every channel (POST v1/video/alerts, the <c>EventHubs:Video</c> stream), once read:
/// <list type="number">
/// <item>an alert id the client sent before is answered as it was then, and nothing changes;</item>
/// <item>an alert of a kind checked against the advertisement registry, at a camera within
/// <see cref="VideoOptions.PermittedAdvertisementRadiusMetres"/> of an advertisement whose permit is valid on the alert's
/// day, is recorded as checked and makes nothing;</item>
/// <item>else it falls in the fixed window of its camera and kind; a repeat joins the window's first alert (counted);</item>
/// <item>the first alert of a window becomes a case through the intake (source <c>video</c>, source key the camera,
/// kind and window, a link to the alert, its snapshot as the case's attachment); below
/// <see cref="VideoOptions.ConfidenceThreshold"/> the case also gets a 核实 task for the inspector patrolling its place,
/// so an inspector confirms it before it is registered (立案).</item>
/// </list>
/// Every step is keyed (the alert row, the window row, the intake's source key, the task's case action key), so a
/// replayed batch or a retried request changes nothing and a half-done one is finished by its repeat.
/// </summary>
public sealed partial class TakeVideoAlerts(
    CameraStore cameras,
    VideoAlertStore store,
    AdvertisementStore advertisements,
    AttachmentStore attachments,
    CaseIntake intake,
    CaseStore cases,
    PatrolAreas patrol,
    GiveInspectionTask give,
    IOptions<VideoOptions> options,
    IOptions<AttachmentOptions> attachmentOptions,
    ILogger<TakeVideoAlerts> logger,
    TimeProvider clock)
{
    public const string WindowKeyScope = "video-window";
    public const string AlertLink = "video-alert";
    public const string CameraLink = "camera";

    /// <summary>The cameras the alerts name, or errors keyed <c>alerts[i].cameraId</c> for those the registry does not hold.</summary>
    public async Task<(IReadOnlyDictionary<string, Camera> Cameras, Dictionary<string, string[]> Errors)> FindCamerasAsync(
        IReadOnlyList<VideoAlert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var found = new Dictionary<string, Camera>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < alerts.Count; i++)
        {
            var id = alerts[i].CameraId;
            if (found.ContainsKey(id))
            {
                continue;
            }

            if (await cameras.FindAsync(id, cancellationToken) is { } camera)
            {
                found[id] = camera;
            }
            else
            {
                errors[$"alerts[{i}].cameraId"] = [$"There is no camera {id} in the registry."];
            }
        }

        return (found, errors);
    }

    /// <summary>Takes the alerts of <paramref name="clientId"/> in order; each camera must be among <paramref name="registered"/>.</summary>
    public async Task<IReadOnlyList<VideoAlertTaken>> TakeAsync(
        string clientId, IReadOnlyList<VideoAlert> alerts, IReadOnlyDictionary<string, Camera> registered, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(registered);
        var taken = new List<VideoAlertTaken>(alerts.Count);
        foreach (var alert in alerts)
        {
            taken.Add(await TakeOneAsync(clientId, alert, registered[alert.CameraId], durable, cancellationToken));
        }

        return taken;
    }

    /// <summary>The start of the fixed window <paramref name="at"/> falls in: windows follow each other from the Unix epoch.</summary>
    public static DateTimeOffset WindowStartOf(DateTimeOffset at, TimeSpan window)
    {
        var sinceEpoch = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - (((sinceEpoch % window.Ticks) + window.Ticks) % window.Ticks));
    }

    private async Task<VideoAlertTaken> TakeOneAsync(string clientId, VideoAlert alert, Camera camera, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await store.FindAlertAsync(clientId, alert.AlertId, cancellationToken) is { } before)
        {
            return before;
        }

        var settings = options.Value;
        var kind = settings.EventKinds[alert.EventKind];
        if (kind.CheckAdvertisements)
        {
            var day = DateOnly.FromDateTime(alert.ObservedAt.ToOffset(WorkingCalendar.ChinaStandardTime).DateTime);
            if (await advertisements.PermittedNearAsync(camera.Location, settings.PermittedAdvertisementRadiusMetres, day, cancellationToken) is { } permitted)
            {
                return await RecordAsync(clientId, new VideoAlertTaken(alert.AlertId, VideoAlertOutcome.PermittedAdvertisement, false, null, null, null, null, permitted.AdvertisementId), cancellationToken);
            }
        }

        var window = await store.OpenWindowAsync(alert, WindowStartOf(alert.ObservedAt, settings.DeduplicationWindow), AttachmentStore.NewId(), cancellationToken);
        if (window.FirstAlertId != alert.AlertId)
        {
            // Recorded before counting: a replay that finds the record is not counted twice.
            var joined = new VideoAlertTaken(alert.AlertId, VideoAlertOutcome.Joined, false, window.Start, null, window.CaseId, window.TaskId, null);
            if (!await store.RecordAlertAsync(clientId, joined, cancellationToken))
            {
                return (await store.FindAlertAsync(clientId, alert.AlertId, cancellationToken))!;
            }

            var counted = await store.CountAsync(window, cancellationToken);
            return joined with { WindowCount = counted.Count, CaseId = counted.CaseId, TaskId = counted.TaskId };
        }

        var done = window.Outcome is null ? await BecomeCaseAsync(clientId, window, alert, camera, kind, durable, cancellationToken) : window;
        return await RecordAsync(
            clientId, new VideoAlertTaken(alert.AlertId, done.Outcome!.Value, false, done.Start, done.Count, done.CaseId, done.TaskId, null), cancellationToken);
    }

    /// <summary>The window's first alert as a case (and below the threshold its 核实 task); every step repeatable with the same result.</summary>
    private async Task<VideoWindow> BecomeCaseAsync(
        string clientId, VideoWindow window, VideoAlert alert, Camera camera, VideoEventKind kind, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var reporter = new IntakeReporter(Caller.MachineIssuer, clientId, Roles.Video);
        if (await attachments.FindAsync(window.AttachmentId, cancellationToken) is null)
        {
            await attachments.AddAsync(
                window.AttachmentId, alert.Snapshot, reporter.Issuer, reporter.Subject, reporter.Role, clock.GetUtcNow(), attachmentOptions.Value.CacheDuration, cancellationToken);
        }

        // Built from the window, not from this attempt, so every attempt sends the intake the same request under the key.
        var request = new IntakeRequest(
            CaseSource.Video,
            reporter,
            string.Create(CultureInfo.InvariantCulture, $"视频识别：{kind.Name}（摄像头 {camera.Name} {camera.CameraId}，置信度 {window.Confidence:0.00}，{window.ObservedAt.ToOffset(WorkingCalendar.ChinaStandardTime):yyyy-MM-dd HH:mm:ss}）"),
            kind.CategoryCode,
            new GeoLocation(camera.Location.Lat, camera.Location.Lon, CoordinateSystem.Wgs84),
            camera.Address,
            [window.AttachmentId],
            CategoryKind: CodeKind.Event,
            Links: [new CaseLink(AlertLink, window.FirstAlertId), new CaseLink(CameraLink, camera.CameraId)]);
        var key = new SourceKey(WindowKeyScope, string.Create(CultureInfo.InvariantCulture, $"{camera.CameraId}|{window.EventKind}|{window.Start.UtcDateTime:yyyyMMddTHHmmssZ}"));
        var caseId = await intake.SubmitAsync(request, key, durable, cancellationToken) switch
        {
            IntakeOutcome.Accepted accepted => accepted.CaseId,

            // The camera was renamed or moved since the window's first attempt: its case stands as first made.
            IntakeOutcome.KeyConflict conflict => conflict.ExistingCaseId,
            var refused => throw new InvalidOperationException($"The intake refused video window {key.Value}: {refused}"),
        };

        if (window.Confidence >= options.Value.ConfidenceThreshold)
        {
            return await store.CompleteWindowAsync(window, VideoAlertOutcome.Case, caseId, null, cancellationToken);
        }

        var taskId = await VerifyTaskAsync(clientId, caseId, durable, cancellationToken);
        return await store.CompleteWindowAsync(window, VideoAlertOutcome.VerifyTask, caseId, taskId, cancellationToken);
    }

    /// <summary>The case's 核实 task, given to the inspector patrolling its place; null when none does (the center then assigns one).</summary>
    private async Task<string?> VerifyTaskAsync(string clientId, string caseId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var found = await cases.FindAsync(caseId, cancellationToken);
        if (found is not { Facts.State: CaseState.Reported })
        {
            return null;
        }

        if (await patrol.InspectorForAsync(found.Place, cancellationToken) is not { } inspector)
        {
            LogNoInspector(logger, caseId);
            return null;
        }

        var (task, problem) = await give.GiveAsync(
            found, InspectionKind.Verify, inspector, "视频识别置信度低于阈值，请现场核实", Caller.ForMachine(clientId, Roles.Video), $"video-verify-{caseId}", durable, cancellationToken);
        if (problem is not null)
        {
            LogNotGiven(logger, caseId, inspector.InspectorId);
        }

        return task?.RowKey;
    }

    private async Task<VideoAlertTaken> RecordAsync(string clientId, VideoAlertTaken taken, CancellationToken cancellationToken) =>
        await store.RecordAlertAsync(clientId, taken, cancellationToken) ? taken : (await store.FindAlertAsync(clientId, taken.AlertId, cancellationToken))!;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video case {CaseId} is below the confidence threshold but no inspector patrols its place; the center assigns its 核实")]
    private static partial void LogNoInspector(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video case {CaseId}: its 核实 task could not be given to {InspectorId} (the case moved on); the center decides")]
    private static partial void LogNotGiven(ILogger logger, string caseId, string inspectorId);
}
