using System.Text.Json.Serialization;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Domain;

/// <summary>
/// What a deployment talks about: the product and its facts, what each of the seven states is for, the reply
/// templates, the inputs a conversation collects, and which persona answers which intent. Read from a versioned
/// JSON file (<c>Grains/Domain/Packs/*.json</c>; docs/intelligence.md describes the format) and chosen with
/// <c>Conversations:Domain</c>.
/// </summary>
public sealed class DomainPack
{
    /// <summary>The only format version this build reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version of the file; must be <see cref="CurrentVersion"/>.</summary>
    public int Version { get; set; }

    /// <summary>The pack's name (<c>dm-sales</c>), as <c>Conversations:Domain</c> names a shipped pack.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A line saying what the pack is for.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>The first sentence of a model's system prompt: who the assistant is.</summary>
    public string Assistant { get; set; } = string.Empty;

    /// <summary>The product or service, its prices and its facts.</summary>
    public DomainProduct Product { get; set; } = new();

    /// <summary>Whether and how replies use the knowledge base.</summary>
    public DomainKnowledge Knowledge { get; set; } = new();

    /// <summary>Each state's goal and replies, by the state's wire name; all seven are required.</summary>
    public Dictionary<string, DomainState> States { get; set; } = [];

    /// <summary>The named reply templates (<see cref="ReplyNames"/>), each with at least one variant.</summary>
    public Dictionary<string, string[]> Replies { get; set; } = [];

    /// <summary>Openings put before a reply in a tone that calls for care, by the tone's wire name.</summary>
    public Dictionary<string, string> ToneOpenings { get; set; } = [];

    /// <summary>What is picked up in passing and how replies name it.</summary>
    public DomainSlots Slots { get; set; } = new();

    /// <summary>What the conversation asks for with <c>waiting_for_input</c>, in the order it asks.</summary>
    public DomainInput[] Inputs { get; set; } = [];

    /// <summary>Who answers each intent, by intent name and persona wire name; intents not listed stay with the last persona.</summary>
    public Dictionary<string, string> Personas { get; set; } = [];

    /// <summary>The agents behind the personas, as the model prompt introduces them.</summary>
    public DomainAgent[] Agents { get; set; } = [];

    /// <summary>Where the pack was read from (a file path or <c>shipped:name</c>).</summary>
    [JsonIgnore]
    public string Origin { get; internal set; } = string.Empty;

    [JsonIgnore]
    internal Dictionary<ConversationState, DomainState> ByState { get; set; } = [];

    [JsonIgnore]
    internal Dictionary<string, Persona> PersonaByIntent { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    internal Dictionary<Tone, string> OpeningByTone { get; set; } = [];

    [JsonIgnore]
    internal Dictionary<string, DomainInput> InputByName { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The goal and replies of <paramref name="state"/>.</summary>
    public DomainState State(ConversationState state) => ByState[state];

    /// <summary>The variants of the reply named <paramref name="name"/> (<see cref="ReplyNames"/>).</summary>
    public IReadOnlyList<string> Reply(string name) => Replies[name];

    /// <summary>The input named <paramref name="name"/> (its <c>expected_input</c>), or <see langword="null"/>.</summary>
    public DomainInput? Input(string name) => InputByName.GetValueOrDefault(name);

    /// <summary>The agent for <paramref name="persona"/>, or <see langword="null"/>.</summary>
    public DomainAgent? Agent(Persona persona) => Agents.FirstOrDefault(a => a.PersonaValue == persona);
}
