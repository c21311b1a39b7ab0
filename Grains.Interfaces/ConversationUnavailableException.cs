namespace Conversations.Grains.Interfaces;

/// <summary>The conversation cannot serve now (its storage failed); the same request may succeed shortly.</summary>
[GenerateSerializer, Alias("conversations.unavailable-exception.v1")]
public sealed class ConversationUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConversationUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConversationUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ConversationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
