using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// Routes a turn to the persona whose replies fit it: problems to tech support, bills to billing, the sale
/// to sales. Messages that name no subject (agreement, an unclear line) stay with whoever answered last.
/// </summary>
public sealed class PersonaRouter
{
    /// <summary>The persona for a turn with <paramref name="intent"/>, after <paramref name="previous"/> answered the last one.</summary>
    public Persona Route(string intent, Persona previous) => intent switch
    {
        IntentNames.SupportProblem or IntentNames.NotWorking => Persona.TechSupport,
        IntentNames.Billing => Persona.Billing,
        IntentNames.Interest or IntentNames.Question or IntentNames.Pricing or IntentNames.Objection
            or IntentNames.Purchase => Persona.Sales,
        IntentNames.Greeting or IntentNames.SmallTalk or IntentNames.HumanRequest or IntentNames.PurchaseConfirmed => Persona.General,
        _ => previous,
    };
}
