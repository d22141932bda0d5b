using System.Globalization;
using Lyg.Contracts;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Api;

/// <summary>Reads list-query parameters, collecting one error per bad parameter instead of failing on the first.</summary>
public sealed class QueryParameters(IQueryCollection query)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public Dictionary<string, string[]> Errors { get; } = [];

    public string? Text(string name, int maxLength = 64)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            Errors[name] = [$"At most {maxLength} characters."];
            return null;
        }

        return value;
    }

    /// <summary>An enum by its exact wire name, the same as in JSON bodies (<see cref="WireNames"/>): no numbers, no joined names.</summary>
    public T? Enum<T>(string name)
        where T : struct, System.Enum
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (WireNames.TryParse<T>(value, out var parsed))
        {
            return parsed;
        }

        Errors[name] = [WireNames.Expected<T>()];
        return null;
    }

    public bool? Boolean(string name)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        Errors[name] = ["true or false."];
        return null;
    }

    /// <summary>A finite decimal number from <paramref name="min"/> to <paramref name="max"/>, with a decimal point.</summary>
    public double? Number(string name, double min, double max)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        Errors[name] = [string.Create(CultureInfo.InvariantCulture, $"A decimal number from {min} to {max}.")];
        return null;
    }

    /// <summary>Records a missing parameter; call after reading it, so a malformed value keeps its own message.</summary>
    public void Require(string name, object? value)
    {
        if (value is null && !Errors.ContainsKey(name))
        {
            Errors[name] = ["Required."];
        }
    }

    /// <summary>
    /// An instant with its offset (UTC when none is given). Every instant of the calendar is taken, its ends too
    /// (<c>from=0001-01-01T00:00:00Z</c> as "since ever"): the list filters clamp them to what storage holds.
    /// </summary>
    public DateTimeOffset? Instant(string name)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        Errors[name] = ["An ISO 8601 instant, e.g. 2026-11-25T08:00:00+08:00."];
        return null;
    }

    public int Limit()
    {
        var value = query["limit"].ToString();
        if (value.Length == 0)
        {
            return DefaultLimit;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
        {
            return limit;
        }

        Errors["limit"] = [$"1 to {MaxLimit}."];
        return DefaultLimit;
    }

    /// <summary>The opaque token a previous page returned.</summary>
    public string? ContinuationToken() => Text("continuationToken", 1024);
}
