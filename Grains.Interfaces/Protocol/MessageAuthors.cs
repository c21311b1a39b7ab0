namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>The values of an <c>assistant_message</c>'s <c>author</c>; a message without one is the assistant's.</summary>
public static class MessageAuthors
{
    /// <summary>A person (an operator) who took the conversation over wrote the message.</summary>
    public const string Operator = "operator";
}
