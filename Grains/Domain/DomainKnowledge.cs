namespace Conversations.Grains.Domain;

/// <summary>How a pack's replies use the knowledge base.</summary>
public sealed class DomainKnowledge
{
    /// <summary>Replies quote and cite the knowledge base's articles; when off, only the pack's templates are used.</summary>
    public bool Enabled { get; set; }

    /// <summary>The article cited with the plans and prices, or <see langword="null"/>.</summary>
    public string? PlansArticle { get; set; }

    /// <summary>The question looked up for a new customer's first steps.</summary>
    public string FirstStepsQuery { get; set; } = "first steps";

    /// <summary>An objection is answered from an article only when the article is for this agent.</summary>
    public string ObjectionAgent { get; set; } = "sales";

    /// <summary>The article categories that answer a specific price question.</summary>
    public string[] PriceCategories { get; set; } = [];
}
