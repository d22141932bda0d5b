using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Inspection;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Routing;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Routing;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyg.Hub.Tests.Support;

/// <summary>Stage clocks on the built-in calendar and rule table, callers, new cases and case facts for the case tests.</summary>
internal static class CaseFixtures
{
    public const string Category = "0201";

    public static readonly WorkingCalendar Calendar = WorkingCalendar.LoadDefault();
    public static readonly TimeLimitRules Rules = TimeLimitRules.LoadDefault();
    public static readonly CalendarInForce Calendars = new(Calendar);
    public static readonly StageClocks Clocks = new(Calendars, Rules);

    /// <summary>The synthetic sample city every host serves until grids are imported.</summary>
    public static readonly SampleCity City = SampleCity.Generate();
    public static readonly CurrentPlaces Places = new(City.ToMap());

    /// <summary>The attachment check over <paramref name="tables"/>; it reads and binds rows only, so its blob container is never reached.</summary>
    public static AttachmentClaims Claims(TableServiceClient tables, CaseStore cases, TimeProvider clock) =>
        new(new AttachmentStore(tables, new Azure.Storage.Blobs.BlobContainerClient(new Uri("http://127.0.0.1:9/devstoreaccount1/attachments"))), cases, clock);

    /// <summary>Duplicate detection as the hosts configure it, over <paramref name="tables"/>.</summary>
    public static DuplicateIndex Duplicates(TableServiceClient tables, CaseStore cases, TimeProvider clock) =>
        new(tables, cases, Options.Create(new DuplicateOptions()), clock, NullLogger<DuplicateIndex>.Instance);

    /// <summary>The intake as the hosts wire it, over <paramref name="tables"/>, with default limits; <paramref name="claims"/> for tests that store photos.</summary>
    public static CaseIntake NewIntake(TableServiceClient tables, CaseStore cases, TimeProvider clock, AttachmentClaims? claims = null) =>
        new(
            cases,
            new IdempotencyStore(tables, Options.Create(new IdempotencyOptions()), clock),
            new CaseNumberAllocator(tables, Options.Create(new CaseNumberOptions()), clock),
            new CaseWorkflowClient(Options.Create(new CaseWorkflowOptions()), Calendars),
            Clocks,
            Places,
            new ComponentStore(tables),
            CodeCatalog.Default,
            new ReportQuota(tables, Options.Create(new ReportQuotaOptions()), clock),
            claims ?? Claims(tables, cases, clock),
            clock,
            Duplicates(tables, cases, clock));

    /// <summary>The sample routing table, as the host loads it.</summary>
    public static readonly CurrentRouting SampleRules = RoutingOver(RoutingRules.LoadDefault());
    public static readonly CaseRouting SampleRouting = new(SampleRules, CodeCatalog.Default);

    /// <summary>
    /// Routing by <paramref name="rules"/> alone until refreshed: the unit store behind it is only read by a refresh.
    /// </summary>
    public static CurrentRouting RoutingOver(RoutingRules rules, UnitStore? units = null) =>
        new(rules, units ?? new UnitStore(new TableServiceClient(StorageAccount.DevelopmentStorage)));

    public static CaseRouting RoutingFor(RoutingRules rules) => new(RoutingOver(rules), CodeCatalog.Default);

    /// <summary>Thursday 26 November 2026, 09:00 in Lianyungang: a working day, inside working hours.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 11, 26, 9, 0, 0, WorkingCalendar.ChinaStandardTime);

    public static readonly Caller Operator = Person("op-1", Roles.Operator);
    public static readonly Caller ShiftLead = Person("lead-1", Roles.ShiftLead);
    public static readonly Caller Dispatcher = Person("disp-1", Roles.Dispatcher);
    public static readonly Caller Inspector = Person("insp-1", Roles.Inspector);
    public static readonly Caller Reporter = Person("citizen-1", Roles.Citizen);

    public static Caller Person(string subject, params string[] roles) => new(TestJwt.Issuer, subject, new HashSet<string>(roles, StringComparer.Ordinal), null);

    public static Caller UnitStaff(string unit, string subject = "unit-staff-1") => new(TestJwt.Issuer, subject, new HashSet<string> { Roles.Unit }, unit);

    /// <summary>The rule table's limit of a stage for a case of <paramref name="category"/>.</summary>
    public static TimeLimit Limit(CaseStage stage, string? category = Category, Urgency urgency = Urgency.Normal) =>
        Rules.Resolve(StageClocks.SchemeOf(category), category, urgency).For(stage);

    /// <summary>
    /// A new case as intake stores it, with its registration clock running from <paramref name="reportedAt"/>, reported
    /// in WGS84 at a point west of the sample grids, so without a place.
    /// </summary>
    public static NewCase NewCase(string caseId, string reporter = "citizen-1", DateTimeOffset? reportedAt = null, string? categoryCode = null)
    {
        var at = reportedAt ?? Morning;
        var point = new GeoPoint(34.6, 119.2);
        return new NewCase(
            caseId, CaseSource.Citizen, "垃圾满溢", categoryCode, point, point, CoordinateSystem.Wgs84, null, null, [], reporter, Roles.Citizen, at,
            Clocks.Begin(CaseStage.Register, 1, categoryCode, Urgency.Normal, at), ReporterIssuer: TestJwt.Issuer);
    }

    /// <summary>The WGS84 centre of a grid: well inside it, away from the shared-boundary rule.</summary>
    public static GeoPoint CentreOf(UnitGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var centre = grid.Boundary.Centroid;
        return new GeoPoint(centre.Y, centre.X);
    }

    /// <summary>The case moved to the centre of <paramref name="grid"/> and placed there, as intake would.</summary>
    public static NewCase In(this NewCase newCase, UnitGrid grid)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        var centre = CentreOf(grid);
        return newCase with { Location = centre, ReportedPoint = centre, Place = Places.Locate(centre.Lat, centre.Lon) };
    }

    /// <summary>
    /// The facts of a case in <paramref name="state"/> as the lifecycle leaves them: registered cases carry
    /// <see cref="Category"/> and normal urgency, cases from dispatch to close the unit, and the clock of the state's
    /// stage began at <paramref name="stageStartedAt"/> as that stage's first instance.
    /// </summary>
    public static CaseFacts Facts(CaseState state, string? unit = "U-1", DateTimeOffset? stageStartedAt = null, string reporter = "citizen-1")
    {
        var registered = state != CaseState.Reported;
        var assigned = state is CaseState.Dispatched or CaseState.Accepted or CaseState.Handled or CaseState.Closed or CaseState.Suspended;
        var stage = StageClocks.StageOf(state == CaseState.Suspended ? CaseState.Accepted : state);
        var clock = stage is { } s
            ? Clocks.Begin(s, (int)s + 1, registered ? Category : null, Urgency.Normal, stageStartedAt ?? Morning)
            : null;
        return new CaseFacts(
            state,
            reporter,
            registered ? Category : null,
            registered ? Urgency.Normal : null,
            assigned ? unit : null,
            0,
            null,
            false,
            state == CaseState.Suspended ? CaseState.Accepted : null,
            state == CaseState.Suspended ? clock! with { PausedAt = stageStartedAt ?? Morning } : clock,
            null,
            ReporterIssuer: TestJwt.Issuer);
    }

    /// <summary>Every action of the hub, as the host registers them.</summary>
    public static IReadOnlyList<ICaseAction> AllActions(UnitStore units, CaseStore cases) =>
    [
        new RegisterCase(Clocks, Places), new VoidCase(Clocks), new DispatchCase(Clocks, units, cases, SampleRouting), new AcceptCase(Clocks), new ReturnCase(Clocks),
        new CompleteCase(Clocks), new CheckCase(Clocks), new RequestPostponement(Clocks), new DecidePostponement(Clocks),
        new RequestSuspension(Clocks), new DecideSuspension(Clocks), new ResumeCase(Clocks), new RateCase(Clocks),
        new VerifyCase(Clocks), new RecordInspectionAssignment(Clocks), new MergeCase(Clocks, cases, TimeProvider.System), new ReopenCase(Clocks), new RecordAlert(Clocks),
    ];

    /// <summary>The assign-inspector handler over <paramref name="tables"/>, as the host builds it.</summary>
    public static AssignInspector Assigner(TableServiceClient tables, CaseCommands commands, CaseStore cases, TimeProvider clock)
    {
        var inspectors = new InspectorStore(tables);
        return new AssignInspector(cases, inspectors, new PatrolAreas(inspectors), new GiveInspectionTask(commands, cases, new InspectionTaskStore(tables), clock));
    }
}
