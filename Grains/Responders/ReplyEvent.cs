namespace Conversations.Grains.Responders;

/// <summary>Something a reply generator reports while it writes a reply: text, usage, or a switch to a fallback.</summary>
public abstract record ReplyEvent;
