using System.Text.Json.Serialization;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Domain;

/// <summary>
/// Something a conversation asks for with a <c>waiting_for_input</c> interrupt once it is in
/// <see cref="State"/>, until the user has given it.
/// </summary>
public sealed class DomainInput
{
    /// <summary>The input's name, sent as <c>expected_input</c> and used as <c>{name}</c> in replies.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>How an answer is checked (<see cref="InputKinds"/>).</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The wire name of the state that asks for it.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>The question.</summary>
    public string Prompt { get; set; } = string.Empty;

    /// <summary>What the answer is for, sent as <c>action</c>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>Answers a client may offer as buttons.</summary>
    public string[] Suggestions { get; set; } = [];

    /// <summary>The intent a valid answer stands for, which moves the state machine on.</summary>
    public string AnswerIntent { get; set; } = string.Empty;

    /// <summary>Intents that keep the question open although they are not an answer (beyond agreement, small talk, questions).</summary>
    public string[] HoldOn { get; set; } = [];

    /// <summary>For <see cref="InputKinds.Choice"/>: the values and their words.</summary>
    public DomainChoice[] Choices { get; set; } = [];

    /// <summary>What <c>{name}</c> says in a reply before the input is answered.</summary>
    public string Unknown { get; set; } = string.Empty;

    /// <summary>The replies that ask again after an answer that is not valid; <c>{prompt}</c> is the question.</summary>
    public string[] Reask { get; set; } = [];

    [JsonIgnore]
    internal ConversationState StateValue { get; set; }

    [JsonIgnore]
    internal WaitingForInput Request { get; set; } = null!;
}
