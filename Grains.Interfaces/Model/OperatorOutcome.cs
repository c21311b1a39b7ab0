using System.Text.Json.Serialization;

namespace Conversations.Grains.Interfaces.Model;

/// <summary>What became of an operator's request on a conversation.</summary>
public enum OperatorOutcome
{
    /// <summary>Done: its frame is stored and published.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>Nothing to do: the operator already holds the conversation.</summary>
    [JsonStringEnumMemberName("already_held")]
    AlreadyHeld,

    /// <summary>The conversation is not handed to a person.</summary>
    [JsonStringEnumMemberName("not_handed_off")]
    NotHandedOff,

    /// <summary>Another operator holds the conversation.</summary>
    [JsonStringEnumMemberName("held_by_another")]
    HeldByAnother,

    /// <summary>The operator has not taken the conversation over.</summary>
    [JsonStringEnumMemberName("not_held")]
    NotHeld,
}
