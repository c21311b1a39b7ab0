using Conversations.Grains.Domain;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// Decides where a state needs something specific from the user before the conversation can go on: the domain
/// pack's <c>inputs</c>, each asked for in its state until the user has given it (in the DM sales pack a team
/// size to price in <see cref="ConversationState.PriceNegotiation"/> and an e-mail address to close in
/// <see cref="ConversationState.ClosingAttempt"/>).
/// </summary>
public sealed class InterruptPlanner(DomainPackSource packs)
{
    /// <summary>A planner over the shipped DM sales pack.</summary>
    public InterruptPlanner()
        : this(new DomainPackSource(DomainPackSource.Default))
    {
    }

    /// <summary>The DM sales pack's interrupt that asks for an e-mail address.</summary>
    public static WaitingForInput EmailRequest => DomainPackSource.Default.Input(ExpectedInputs.Email)!.Request;

    /// <summary>The DM sales pack's interrupt that asks for a team size.</summary>
    public static WaitingForInput TeamSizeRequest => DomainPackSource.Default.Input(ExpectedInputs.TeamSize)!.Request;

    /// <summary>What a conversation now in <paramref name="state"/> waits for, or <see langword="null"/>.</summary>
    public WaitingForInput? For(ConversationState state, ConversationSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        return packs.Current.Inputs.FirstOrDefault(i => i.StateValue == state && signals.Answer(i.Name) is null)?.Request;
    }
}
