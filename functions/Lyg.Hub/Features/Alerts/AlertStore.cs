using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Alerts;

/// <summary>
/// Alerts and the conditions behind them in Azure Tables. <c>Alerts</c> holds one partition per alert, its id beginning
/// with the UTC day it was raised, so a list over a time range reads that range of partitions. <c>AlertConditions</c>
/// holds, per subject and rule, the alert the condition keeps open (or when it cleared), written by ETag so that two
/// hosts deciding on the same condition never both raise.
/// </summary>
public sealed class AlertStore(TableServiceClient tables)
{
    private const string AlertRow = "alert";

    private readonly TableClient _alerts = tables.GetTableClient(TableNames.Alerts);
    private readonly TableClient _conditions = tables.GetTableClient(TableNames.AlertConditions);

    /// <summary>
    /// The id of the alert a condition raised at <paramref name="raisedAt"/>: the same for a replay of the same
    /// signal, so a replayed batch writes the same alert (and the intake, keyed by it, the same case).
    /// </summary>
    public static string AlertId(AlertSubject subject, string subjectId, string rule, DateTimeOffset raisedAt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{subject}\n{subjectId}\n{rule}\n{raisedAt.UtcTicks}")));
        return "AL" + raisedAt.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }

    /// <summary>The first partition key of alerts raised on or after <paramref name="at"/>'s UTC day.</summary>
    public static string DayPrefix(DateTimeOffset at) => "AL" + at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string ConditionPartition(AlertSubject subject, string subjectId) => $"{subject.ToString().ToLowerInvariant()}|{subjectId}";

    public async Task<AlertRecord?> FindAsync(string alertId, CancellationToken cancellationToken)
    {
        if (!IsAlertId(alertId))
        {
            return null;
        }

        var found = await _alerts.GetEntityIfExistsAsync<AlertRecord>(alertId, AlertRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Writes the alert as it is now: the same content again for a replay.</summary>
    public Task SaveAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        alert.RowKey = AlertRow;
        return _alerts.UpsertEntityAsync(alert, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Writes the alert only if nobody changed it since <paramref name="alert"/> was read; false when somebody did.</summary>
    public async Task<bool> TryUpdateAsync(AlertRecord alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            await _alerts.UpdateEntityAsync(alert, alert.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412)
        {
            return false;
        }
    }

    public async Task<AlertCondition?> FindConditionAsync(AlertSubject subject, string subjectId, string rule, CancellationToken cancellationToken)
    {
        var found = await _conditions.GetEntityIfExistsAsync<AlertCondition>(ConditionPartition(subject, subjectId), rule, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Moves a condition from what was read (or from nothing); false when another writer moved it first.</summary>
    public async Task<bool> TryMoveConditionAsync(AlertCondition next, AlertCondition? read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            if (read is null)
            {
                await _conditions.AddEntityAsync(next, cancellationToken);
            }
            else
            {
                await _conditions.UpdateEntityAsync(next, read.ETag, TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>A page of alerts raised in [<paramref name="from"/>, <paramref name="to"/>) that match the filter, oldest first.</summary>
    public Task<(IReadOnlyList<AlertRecord> Rows, string? ContinuationToken)> ListAsync(
        AlertFilter filter, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var clauses = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey ge {DayPrefix(filter.From)} and PartitionKey lt {DayPrefix(filter.To.AddDays(1))}"),
            TableClient.CreateQueryFilter($"RaisedAt ge {filter.From} and RaisedAt lt {filter.To}"),
        };
        if (filter.Level is { } level) clauses.Add(TableClient.CreateQueryFilter($"Level eq {(int)level}"));
        if (filter.State is { } state) clauses.Add(TableClient.CreateQueryFilter($"State eq {state.ToString()}"));
        if (filter.Subject is { } subject) clauses.Add(TableClient.CreateQueryFilter($"Subject eq {subject.ToString()}"));
        if (filter.Kind is { } kind) clauses.Add(TableClient.CreateQueryFilter($"Kind eq {kind}"));
        if (filter.SubjectId is { } subjectId) clauses.Add(TableClient.CreateQueryFilter($"SubjectId eq {subjectId}"));
        if (filter.Grid is { } grid) clauses.Add(TableClient.CreateQueryFilter($"Grid eq {grid}"));
        if (filter.District is { } district) clauses.Add(TableClient.CreateQueryFilter($"DistrictCode eq {district}"));
        return _alerts.ReadPageAsync<AlertRecord>(string.Join(" and ", clauses), limit, continuationToken, null, cancellationToken);
    }

    private static readonly System.Buffers.SearchValues<char> IdDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>"AL", 14 digits of the raise time, 8 hex digits: anything else names no alert and reaches no table.</summary>
    private static bool IsAlertId(string alertId) =>
        alertId.Length == 24 && alertId.StartsWith("AL", StringComparison.Ordinal) && !alertId.AsSpan(2).ContainsAnyExcept(IdDigits);
}

/// <summary>What GET v1/monitoring/alerts may filter by; <see cref="From"/> and <see cref="To"/> bound the raise time.</summary>
public sealed record AlertFilter(
    DateTimeOffset From, DateTimeOffset To, WarningLevel? Level = null, AlertState? State = null, AlertSubject? Subject = null, string? Kind = null,
    string? SubjectId = null, string? Grid = null, string? District = null);

/// <summary>An alert's row: partition = alert id.</summary>
public sealed class AlertRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Subject { get; set; } = "";
    public string SubjectId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Rule { get; set; } = "";
    public int Level { get; set; }
    public int PeakLevel { get; set; }
    public string State { get; set; } = "";
    public string Summary { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public string? Grid { get; set; }
    public string? DistrictCode { get; set; }
    public string? CaseId { get; set; }
    public string? CaseProblem { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    public int Flaps { get; set; }

    public string AlertId => PartitionKey;

    public AlertView ToView() => new(
        PartitionKey, Enum.Parse<AlertSubject>(Subject), SubjectId, Kind, Rule, (WarningLevel)Level, (WarningLevel)PeakLevel, Enum.Parse<AlertState>(State), Summary,
        RaisedAt, UpdatedAt, Lat, Lon, Grid, DistrictCode, CaseId, CaseProblem, AcknowledgedAt, ClearedAt, Flaps);
}

/// <summary>
/// A condition's row: partition = subject and its id, row = rule. <see cref="ClearedAt"/> is null while the condition
/// holds <see cref="AlertId"/> open; <see cref="ObservedAt"/> is the time of the last signal that changed it, so an
/// older signal (late, or replayed) changes nothing.
/// </summary>
public sealed class AlertCondition : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string AlertId { get; set; } = "";
    public int Level { get; set; }
    public DateTimeOffset ObservedAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
}
