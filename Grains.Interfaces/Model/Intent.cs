namespace Conversations.Grains.Interfaces.Model;

/// <summary>What a user message is about, with the classifier's confidence from 0 to 1.</summary>
/// <param name="Name">The intent name, snake_case (for example <c>pricing</c>).</param>
/// <param name="Confidence">How sure the classifier is, from 0 to 1.</param>
[GenerateSerializer, Immutable, Alias("conversations.intent.v1")]
public sealed record Intent(
    [property: Id(0)] string Name,
    [property: Id(1)] double Confidence);
