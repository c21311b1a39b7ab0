namespace Conversations.IntentEval;

/// <summary>One scripted conversation.</summary>
/// <param name="Name">A short name.</param>
/// <param name="Description">What it shows.</param>
/// <param name="UserName">The user's name, when the journey gives one.</param>
/// <param name="Turns">The user's messages with what each should lead to.</param>
public sealed record Journey(string Name, string Description, string? UserName, IReadOnlyList<JourneyTurn> Turns);
