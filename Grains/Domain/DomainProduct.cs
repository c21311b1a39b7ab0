namespace Conversations.Grains.Domain;

/// <summary>The product or service a pack is about.</summary>
public sealed class DomainProduct
{
    /// <summary>Its name (<c>Switchboard</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The price of one seat a month, for <c>{monthly}</c> and <c>{yearly}</c>; 0 when nothing is sold by the seat.</summary>
    public decimal PricePerSeat { get; set; }

    /// <summary>The share taken off when paying yearly, from 0 to 1 (0.2 for 20%).</summary>
    public decimal YearlyDiscount { get; set; }

    /// <summary>Facts a model may state, added to its system prompt.</summary>
    public string[] Facts { get; set; } = [];
}
