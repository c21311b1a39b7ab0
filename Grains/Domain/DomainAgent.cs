using System.Text.Json.Serialization;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Domain;

/// <summary>One agent of a pack: the persona it answers as and how it is introduced.</summary>
public sealed class DomainAgent
{
    /// <summary>The persona's wire name: <c>general</c>, <c>sales</c>, <c>tech_support</c> or <c>billing</c>.</summary>
    public string Persona { get; set; } = string.Empty;

    /// <summary>The agent's name (<c>Billing desk</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>What the agent does, added to a model's system prompt when it answers.</summary>
    public string Role { get; set; } = string.Empty;

    [JsonIgnore]
    internal Persona PersonaValue { get; set; }
}
