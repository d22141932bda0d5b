using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Auth;

/// <summary>
/// The <c>reason</c> of a refused machine request (problem member <see cref="Api.Problems.ReasonMember"/>): what a
/// client's code acts on, where the detail is for the person reading it.
/// </summary>
public static class RefusalReasons
{
    /// <summary>The endpoint takes another scheme's credentials than the request carries.</summary>
    public const string WrongScheme = "wrong-scheme";

    public const string MissingSignatureHeaders = "missing-signature-headers";

    /// <summary>A signature header sent more than once.</summary>
    public const string RepeatedSignatureHeader = "repeated-signature-header";

    /// <summary>X-Lyg-Timestamp is not Unix seconds in decimal digits.</summary>
    public const string MalformedTimestamp = "malformed-timestamp";

    /// <summary>X-Lyg-Nonce is not 8 to 64 visible ASCII characters.</summary>
    public const string MalformedNonce = "malformed-nonce";

    public const string UnknownClient = "unknown-client";

    /// <summary>The timestamp lies further from the hub's clock than the allowed skew: the client's clock is off.</summary>
    public const string TimestampOutOfRange = "timestamp-out-of-range";

    public const string SignatureMismatch = "signature-mismatch";

    /// <summary>The nonce was used before, on this host or another.</summary>
    public const string NonceReplayed = "nonce-replayed";

    /// <summary>403: the client is authenticated but this endpoint is outside its kind or its configured endpoints.</summary>
    public const string EndpointNotAllowed = "endpoint-not-allowed";

    public const string MissingApiKey = "missing-api-key";

    /// <summary>The api_key names no Open311 client, or is given more than once.</summary>
    public const string BadApiKey = "bad-api-key";

    /// <summary>A 401 with its reason, as an authenticator answers it.</summary>
    internal static (Caller? Caller, IResult? Refusal) Unauthenticated(string reason, string detail) =>
        (null, Problems.Refused(StatusCodes.Status401Unauthorized, reason, detail));

    /// <summary>The 403 of a machine client known and authenticated, calling outside its allowance.</summary>
    internal static (Caller? Caller, IResult? Refusal) NotAllowed(MachineClient client, ApiEndpoint endpoint) =>
        (null, Problems.Refused(StatusCodes.Status403Forbidden, EndpointNotAllowed, $"{client.Id} may not call {endpoint.Name}."));
}
