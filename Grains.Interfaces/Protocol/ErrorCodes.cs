namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>The values of an error's <c>error_code</c>.</summary>
public static class ErrorCodes
{
    /// <summary>HTTP only: the conversation id in the URL is not 1 to 128 of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public const string InvalidConversationId = "INVALID_CONVERSATION_ID";

    /// <summary>Not JSON, an unknown type, or a missing or bad field.</summary>
    public const string InvalidMessage = "INVALID_MESSAGE";

    /// <summary>A frame or a message over its size limit.</summary>
    public const string MessageTooLarge = "MESSAGE_TOO_LARGE";

    /// <summary>Too many messages too fast.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>Too many connections for this user or this node.</summary>
    public const string TooManyConnections = "TOO_MANY_CONNECTIONS";

    /// <summary>HTTP only: the user has as many conversations as they may (<c>Gateway:MaxConversationsPerUser</c>).</summary>
    public const string TooManyConversations = "TOO_MANY_CONVERSATIONS";

    /// <summary>Missing, expired or wrong credentials, or someone else's conversation.</summary>
    public const string Unauthorized = "UNAUTHORIZED";

    /// <summary>A turn is running and the double-texting policy refuses another.</summary>
    public const string ConversationBusy = "CONVERSATION_BUSY";

    /// <summary>The model did not answer in time.</summary>
    public const string LlmTimeout = "LLM_TIMEOUT";

    /// <summary>The model failed.</summary>
    public const string LlmProcessingError = "LLM_PROCESSING_ERROR";

    /// <summary>The cluster or its storage cannot be reached just now.</summary>
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    /// <summary>HTTP only: no such conversation, or no such turn in it.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>HTTP only: the conversation is not handed to a person, so an operator has nothing to do in it.</summary>
    public const string NotHandedOff = "NOT_HANDED_OFF";

    /// <summary>HTTP only: another operator holds the conversation, or this one has not taken it over.</summary>
    public const string ConversationHeld = "CONVERSATION_HELD";

    /// <summary>A fault of ours.</summary>
    public const string InternalError = "INTERNAL_ERROR";
}
