namespace Conversations.Grains.Interfaces.Model;

/// <summary>An interrupt: the conversation needs something specific from the user before it goes on.</summary>
/// <param name="Prompt">What to ask the user.</param>
/// <param name="ExpectedInput">The kind of answer expected (for example <c>email</c>).</param>
/// <param name="NextStep">What happens once the answer is given.</param>
/// <param name="Suggestions">Answers the client may offer as shortcuts.</param>
[GenerateSerializer, Immutable, Alias("conversations.waiting-for-input.v1")]
public sealed record WaitingForInput(
    [property: Id(0)] string Prompt,
    [property: Id(1)] string ExpectedInput,
    [property: Id(2)] string NextStep,
    [property: Id(3)] IReadOnlyList<string> Suggestions);
