using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>
/// Source-generated serialisation of every wire contract: camelCase, enums as the strings each enum declares and no
/// others (<see cref="WireEnumConverter{T}"/>).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(AttachmentCreated))]
[JsonSerializable(typeof(AttachmentMetadata))]
[JsonSerializable(typeof(SubmitReportRequest))]
[JsonSerializable(typeof(ReportAccepted))]
[JsonSerializable(typeof(RegisterCaseRequest))]
[JsonSerializable(typeof(VoidCaseRequest))]
[JsonSerializable(typeof(CaseActionAccepted))]
[JsonSerializable(typeof(DispatchCaseRequest))]
[JsonSerializable(typeof(ActionNote))]
[JsonSerializable(typeof(ReasonedRequest))]
[JsonSerializable(typeof(CompleteCaseRequest))]
[JsonSerializable(typeof(CheckCaseRequest))]
[JsonSerializable(typeof(RequestPostponementRequest))]
[JsonSerializable(typeof(DecisionRequest))]
[JsonSerializable(typeof(MergeCaseRequest))]
[JsonSerializable(typeof(RateCaseRequest))]
[JsonSerializable(typeof(AcknowledgeSlipRequest))]
[JsonSerializable(typeof(CasePage))]
[JsonSerializable(typeof(SlipPage))]
[JsonSerializable(typeof(UnitView))]
[JsonSerializable(typeof(UpsertUnitRequest))]
[JsonSerializable(typeof(UnitServiceArea))]
[JsonSerializable(typeof(UnitPage))]
[JsonSerializable(typeof(CaseView))]
[JsonSerializable(typeof(ReportView))]
[JsonSerializable(typeof(ReportPage))]
[JsonSerializable(typeof(DevTokenRequest))]
[JsonSerializable(typeof(DevTokenResponse))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(LocateResult))]
[JsonSerializable(typeof(CodeList))]
[JsonSerializable(typeof(ComponentView))]
[JsonSerializable(typeof(NearestComponents))]
[JsonSerializable(typeof(PutCalendarYearRequest))]
[JsonSerializable(typeof(CalendarYearView))]
[JsonSerializable(typeof(CalendarYearLoaded))]
[JsonSerializable(typeof(MachineIdentity))]
[JsonSerializable(typeof(OutboxEnvelope))]
[JsonSerializable(typeof(CaseEvent))]
[JsonSerializable(typeof(ReporterNotice))]
[JsonSerializable(typeof(OutboxMessagePage))]
[JsonSerializable(typeof(HotlineWorkOrder))]
[JsonSerializable(typeof(HotlineWorkOrderAccepted))]
[JsonSerializable(typeof(HotlineCallback))]
[JsonSerializable(typeof(HotlineCallbackAccepted))]
[JsonSerializable(typeof(HotlineFeedback))]
[JsonSerializable(typeof(InspectorView))]
[JsonSerializable(typeof(UpsertInspectorRequest))]
[JsonSerializable(typeof(AssignInspectorRequest))]
[JsonSerializable(typeof(CompleteInspectionTaskRequest))]
[JsonSerializable(typeof(VerifyCaseRequest))]
[JsonSerializable(typeof(InspectionTaskList))]
[JsonSerializable(typeof(InspectionTaskView))]
[JsonSerializable(typeof(InspectionTaskAssigned))]
[JsonSerializable(typeof(SensorPage))]
[JsonSerializable(typeof(SensorView))]
[JsonSerializable(typeof(TelemetryBatch))]
[JsonSerializable(typeof(TelemetryAccepted))]
public sealed partial class LygJsonContext : JsonSerializerContext;
