namespace Conversations.Grains.Telemetry;

/// <summary>The values of the <c>action</c> tag of <c>conversations_operator_actions</c>.</summary>
public static class OperatorActions
{
    /// <summary>An operator took a handed-off conversation over.</summary>
    public const string Taken = "taken";

    /// <summary>An operator wrote to a user.</summary>
    public const string Replied = "replied";

    /// <summary>A conversation was handed back to the assistant.</summary>
    public const string HandedBack = "handed_back";
}
