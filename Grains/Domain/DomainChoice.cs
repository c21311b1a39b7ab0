namespace Conversations.Grains.Domain;

/// <summary>A value and the words users write for it.</summary>
public sealed class DomainChoice
{
    /// <summary>The value, as replies say it.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>The words or phrases that mean it (matched as whole words, lower case).</summary>
    public string[] Cues { get; set; } = [];
}
