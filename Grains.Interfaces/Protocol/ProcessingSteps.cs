namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>The values of <c>metadata.step</c> in <c>system/processing_step</c>.</summary>
public static class ProcessingSteps
{
    /// <summary>Working out what the user wants.</summary>
    public const string IntentClassification = "intent_classification";

    /// <summary>Writing the reply.</summary>
    public const string Generating = "generating";
}
