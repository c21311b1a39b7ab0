namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>The values of a <c>system/handoff</c> frame's <c>metadata.event</c>.</summary>
public static class HandoffEvents
{
    /// <summary>The conversation was escalated: the assistant stops answering until it is handed back.</summary>
    public const string Escalated = "escalated";

    /// <summary>An operator took the conversation over.</summary>
    public const string OperatorJoined = "operator_joined";

    /// <summary>The operator handed the conversation back to the assistant, which answers again.</summary>
    public const string OperatorLeft = "operator_left";
}
