namespace Conversations.Grains.Domain;

/// <summary>The kinds of answer a pack's input may expect.</summary>
public static class InputKinds
{
    /// <summary>An e-mail address; kept as the conversation's e-mail.</summary>
    public const string Email = "email";

    /// <summary>A number of people (a range counts its larger end); as <c>team_size</c>, kept as the team size.</summary>
    public const string Count = "count";

    /// <summary>A length of time ("30 minutes", "an hour").</summary>
    public const string Duration = "duration";

    /// <summary>A day and/or a time of day ("tomorrow at 3pm", "Tuesday morning").</summary>
    public const string Time = "time";

    /// <summary>People to include: names, addresses or a group ("Ana and Tom", "the design team").</summary>
    public const string People = "people";

    /// <summary>An amount of money ("$25k", "under 30,000").</summary>
    public const string Money = "money";

    /// <summary>One of the input's <c>choices</c>.</summary>
    public const string Choice = "choice";

    /// <summary>Every kind.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Email, Count, Duration, Time, People, Money, Choice };
}
