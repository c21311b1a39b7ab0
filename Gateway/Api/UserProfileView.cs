namespace Conversations.Gateway.Api;

/// <summary>The answer to <c>GET /users/{id}/profile</c>: what the user's conversations learned; unknown facts are absent.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Name">The name they gave.</param>
/// <param name="TeamSize">How many people their team has.</param>
/// <param name="Need">What they need the product for.</param>
/// <param name="Budget">The budget they named.</param>
/// <param name="LearnedFrom">The conversation that last taught the profile something.</param>
/// <param name="UpdatedAt">When the profile last changed.</param>
public sealed record UserProfileView(string UserId, string? Name, int? TeamSize, string? Need, string? Budget, string? LearnedFrom, DateTimeOffset? UpdatedAt);
