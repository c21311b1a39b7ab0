namespace Conversations.Grains.Domain;

/// <summary>What one of the seven states is for in a pack.</summary>
public sealed class DomainState
{
    /// <summary>The state's goal, as a model's system prompt says it.</summary>
    public string Goal { get; set; } = string.Empty;

    /// <summary>The replies of the state, at least two variants.</summary>
    public string[] Replies { get; set; } = [];

    /// <summary>The reply to a question answered from an article in this state; <c>{answer}</c> is the article's answer.</summary>
    public string AfterAnswer { get; set; } = "{answer}";
}
