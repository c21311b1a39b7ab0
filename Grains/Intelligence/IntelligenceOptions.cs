namespace Conversations.Grains.Intelligence;

/// <summary>Settings of the conversation engine's judgement (configuration section <c>Intelligence</c>).</summary>
public sealed class IntelligenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Intelligence";

    /// <summary>
    /// The escalation likelihood, from 0 to 1, at which the conversation is handed to a person. Default 0.8:
    /// for example frustration 8 with three failed fixes (0.48 + 0.36). A user who asks for a person is
    /// handed over whatever this is.
    /// </summary>
    public double HandoffThreshold { get; set; } = 0.8;

    /// <summary>
    /// The classifier confidence from which a message that is not a valid answer to an interrupt, but clearly
    /// about something else (a problem, an objection, a price), drops the interrupt instead of being asked
    /// again. Default 0.55.
    /// </summary>
    public double InterruptEscapeConfidence { get; set; } = 0.55;

    /// <summary>
    /// Whether intents are classified by the learned model over sentence embeddings. Default <see langword="true"/>;
    /// <see langword="false"/>, or a model that cannot be loaded, leaves the cue classifier alone (faster to start,
    /// weaker on new wording).
    /// </summary>
    public bool IntentModel { get; set; } = true;
}
