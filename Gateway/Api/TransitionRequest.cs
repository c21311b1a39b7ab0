using System.Text.Json.Serialization;

namespace Conversations.Gateway.Api;

/// <summary>The body of <c>POST /conversations/{id}/transition</c>: one user turn.</summary>
/// <param name="Message">What the user says.</param>
/// <param name="UserName">The name to use in replies.</param>
/// <param name="MessageId">The message id (1 to 64 characters); resending it returns the same turn without a second one. Made up when left out.</param>
/// <param name="UserId">Who is talking. With authentication on, the token's user (leave it out or give the same).</param>
/// <param name="UserMessage">What the user says, under the DM engine's name; give it or <paramref name="Message"/>, not both.</param>
public sealed record TransitionRequest(string? Message, string? UserName, string? MessageId, string? UserId, string? UserMessage = null)
{
    /// <summary>What the user says, under whichever name it was given.</summary>
    [JsonIgnore]
    public string? Text => Message ?? UserMessage;

    /// <summary>Whether the message was given under both names.</summary>
    [JsonIgnore]
    public bool NamesBoth => Message is not null && UserMessage is not null;
}
