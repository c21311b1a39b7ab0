using System.Text.Json.Serialization;

namespace Conversations.Gateway.Api;

/// <summary>The body of <c>POST /conversations</c>.</summary>
/// <param name="UserId">Who the conversation is for. With authentication on, the token's user (leave it out or give the same).</param>
/// <param name="UserName">The name to use in replies.</param>
/// <param name="Message">A first message, answered before the response returns.</param>
/// <param name="MessageId">The first message's id (1 to 64 characters); resending it is answered without a second turn.</param>
/// <param name="InitialMessage">The first message under the DM engine's name; give it or <paramref name="Message"/>, not both.</param>
public sealed record CreateConversationRequest(string? UserId, string? UserName, string? Message, string? MessageId, string? InitialMessage = null)
{
    /// <summary>The first message, under whichever name it was given.</summary>
    [JsonIgnore]
    public string? FirstMessage => Message ?? InitialMessage;

    /// <summary>Whether the first message was given under both names.</summary>
    [JsonIgnore]
    public bool NamesBoth => Message is not null && InitialMessage is not null;
}
