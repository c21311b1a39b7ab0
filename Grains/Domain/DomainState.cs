namespace Conversations.Grains.Domain;

/// <summary>What one of the seven states is for in a pack.</summary>
public sealed class DomainState
{
    /// <summary>The state's goal, as a model's system prompt says it.</summary>
    public string Goal { get; set; } = string.Empty;

    /// <summary>The replies of the state, at least two variants.</summary>
    public string[] Replies { get; set; } = [];

    /// <summary>
    /// What an intent of the classifier means in this state, where the pack's words differ from a sale's (in
    /// meeting scheduling, "book a meeting" at the start is interest, not a purchase): classifier intent to intent.
    /// </summary>
    public Dictionary<string, string> Intents { get; set; } = [];

    /// <summary>The reply to a question answered from an article in this state; <c>{answer}</c> is the article's answer.</summary>
    public string AfterAnswer { get; set; } = "{answer}";
}
