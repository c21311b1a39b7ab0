using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Responders;

/// <summary>The model's token usage for the reply.</summary>
/// <param name="Usage">Tokens used.</param>
public sealed record ReplyUsage(TokenUsage Usage) : ReplyEvent;
