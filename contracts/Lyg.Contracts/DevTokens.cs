namespace Lyg.Contracts;

/// <summary>POST dev/tokens (Development only). Members are nullable, the roles too, so that missing values reach validation.</summary>
public sealed record DevTokenRequest(string? Subject, IReadOnlyList<string?>? Roles, string? Unit);

public sealed record DevTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
