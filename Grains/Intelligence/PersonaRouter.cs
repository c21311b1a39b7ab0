using Conversations.Grains.Domain;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// Routes a turn to the persona whose replies fit it, as the domain pack's <c>personas</c> say (in the DM sales
/// pack: problems to tech support, bills to billing, the sale to sales). Intents the pack does not list
/// (agreement, an unclear line) stay with whoever answered last.
/// </summary>
public sealed class PersonaRouter(DomainPackSource packs)
{
    /// <summary>A router over the shipped DM sales pack.</summary>
    public PersonaRouter()
        : this(new DomainPackSource(DomainPackSource.Default))
    {
    }

    /// <summary>The persona for a turn with <paramref name="intent"/>, after <paramref name="previous"/> answered the last one.</summary>
    public Persona Route(string intent, Persona previous) =>
        packs.Current.PersonaByIntent.TryGetValue(intent, out var persona) ? persona : previous;
}
