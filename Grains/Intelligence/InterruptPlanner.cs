using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// Decides where a state needs something specific from the user before the conversation can go on: a team
/// size to price (<see cref="ConversationState.PriceNegotiation"/>) and an e-mail address to close
/// (<see cref="ConversationState.ClosingAttempt"/>), each asked for until the user has given it.
/// </summary>
public sealed class InterruptPlanner
{
    /// <summary>The interrupt that asks for an e-mail address.</summary>
    public static WaitingForInput EmailRequest { get; } = new(
        "Which work e-mail address should the account and the invoice go to?",
        ExpectedInputs.Email,
        "create_account",
        []);

    /// <summary>The interrupt that asks for a team size.</summary>
    public static WaitingForInput TeamSizeRequest { get; } = new(
        "How many people would use it?",
        ExpectedInputs.TeamSize,
        "prepare_quote",
        ["1-10", "11-50", "51-200", "More than 200"]);

    /// <summary>What a conversation now in <paramref name="state"/> waits for, or <see langword="null"/>.</summary>
    public WaitingForInput? For(ConversationState state, ConversationSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        return state switch
        {
            ConversationState.ClosingAttempt when signals.Email is null => EmailRequest,
            ConversationState.PriceNegotiation when signals.TeamSize is null => TeamSizeRequest,
            _ => null,
        };
    }
}
