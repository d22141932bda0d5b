using System.ComponentModel.DataAnnotations;
using Lyg.Orchestrations.Codes;

namespace Lyg.Hub.Features.Open311;

/// <summary>The Open311 GeoReport v2 endpoint as this city publishes it (section <c>Open311</c>).</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>
    /// The jurisdiction this endpoint serves (the spec suggests the city's web domain). When set, a request naming
    /// another is answered 404; when unset, any is accepted, as the spec allows an endpoint of one jurisdiction.
    /// </summary>
    public string? JurisdictionId { get; set; }

    /// <summary>The code scheme whose categories are the services: gb2013 (the work plan's) or gb2026.</summary>
    [Required]
    public string CodeScheme { get; set; } = CodeSchemes.Gb2013;

    /// <summary>What a client is told when its request is taken (the spec's service_notice).</summary>
    [Required]
    public string ServiceNotice { get; set; } = "已受理：城市运行管理服务中心将在规定时限内立案并派遣处置，可凭编号查询进度。";

    /// <summary>The discovery document's contact line.</summary>
    [Required]
    public string Contact { get; set; } = "连云港市城市运行管理服务中心";

    /// <summary>The discovery document's line on how to get an api_key.</summary>
    [Required]
    public string KeyService { get; set; } = "api_key 由城市运行管理服务中心为每个接入的应用签发。";

    /// <summary>The discovery document's changeset: when the services last changed, sortable.</summary>
    [Required]
    public string Changeset { get; set; } = "2026-12-01T00:00:00+08:00";

    /// <summary>production or test: whether requests filed here are acted upon.</summary>
    [Required]
    [RegularExpression("^(production|test)$")]
    public string EndpointType { get; set; } = "production";

    /// <summary>The most requests one GET requests answers (the spec's default cap is 1000).</summary>
    [Range(1, 1000)]
    public int MaxRequests { get; set; } = 200;

    /// <summary>
    /// False (the default): a client reads only the requests it filed. True: every case, as a public Open311 list —
    /// a policy decision of the city, not of the spec.
    /// </summary>
    public bool ListEveryCase { get; set; }
}
