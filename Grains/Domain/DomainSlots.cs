namespace Conversations.Grains.Domain;

/// <summary>What is picked up from a message in passing, and the words replies use for it.</summary>
public sealed class DomainSlots
{
    /// <summary>What the product is for as users name it (<c>cue</c>) and as replies say it (<c>value</c>); the first named counts.</summary>
    public DomainChoice[] Needs { get; set; } = [];

    /// <summary>What <c>{need}</c> says before the user named a need.</summary>
    public string DefaultNeed { get; set; } = string.Empty;

    /// <summary>What <c>{teamof}</c> says once the team size is known; <c>{size}</c> is the size.</summary>
    public string TeamOf { get; set; } = "your team of {size}";

    /// <summary>What <c>{teamof}</c> says before.</summary>
    public string TeamUnknown { get; set; } = "your team";

    /// <summary>What <c>{budget}</c> says once a budget is known; <c>{value}</c> is the budget.</summary>
    public string Budget { get; set; } = " within {value}";

    /// <summary>Words that make an objection one about money.</summary>
    public string[] PriceWords { get; set; } = [];
}
