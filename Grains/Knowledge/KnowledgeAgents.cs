namespace Conversations.Grains.Knowledge;

/// <summary>Who an article is for, as the file names them (the personas' wire names).</summary>
public static class KnowledgeAgents
{
    /// <summary>Technical support.</summary>
    public const string TechSupport = "tech_support";

    /// <summary>Billing.</summary>
    public const string Billing = "billing";

    /// <summary>Anyone.</summary>
    public const string General = "general";

    /// <summary>Sales.</summary>
    public const string Sales = "sales";
}
