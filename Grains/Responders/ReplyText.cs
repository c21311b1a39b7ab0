namespace Conversations.Grains.Responders;

/// <summary>The next piece of the reply.</summary>
/// <param name="Text">The piece; the reply is the concatenation of the pieces (after the last fallback).</param>
public sealed record ReplyText(string Text) : ReplyEvent;
