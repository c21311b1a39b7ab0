using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class PersonaRouterTests
{
    private readonly PersonaRouter _router = new();

    [Theory]
    [InlineData(IntentNames.SupportProblem, Persona.TechSupport)]
    [InlineData(IntentNames.NotWorking, Persona.TechSupport)]
    [InlineData(IntentNames.Billing, Persona.Billing)]
    [InlineData(IntentNames.Pricing, Persona.Sales)]
    [InlineData(IntentNames.Objection, Persona.Sales)]
    [InlineData(IntentNames.Purchase, Persona.Sales)]
    [InlineData(IntentNames.SmallTalk, Persona.General)]
    [InlineData(IntentNames.HumanRequest, Persona.General)]
    public void RoutesEachSubjectToItsPersona(string intent, Persona expected) =>
        Assert.Equal(expected, _router.Route(intent, Persona.Billing == expected ? Persona.Sales : Persona.Billing));

    [Theory]
    [InlineData(IntentNames.Affirmation)]
    [InlineData(IntentNames.Unknown)]
    public void MessagesWithoutASubjectStayWithThePreviousPersona(string intent) =>
        Assert.Equal(Persona.TechSupport, _router.Route(intent, Persona.TechSupport));
}
