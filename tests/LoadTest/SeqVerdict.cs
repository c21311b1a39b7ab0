namespace Conversations.LoadTest;

/// <summary>How a received log frame fits the conversation's log.</summary>
public enum SeqVerdict
{
    /// <summary>Exactly the highest seq so far plus one.</summary>
    Next,

    /// <summary>At or below the highest seq so far: received before.</summary>
    Duplicate,

    /// <summary>Above the highest seq plus one: frames in between are missing.</summary>
    AfterGap,
}
