using System.Text.Json.Serialization;

namespace Conversations.Grains.Interfaces.Model;

/// <summary>The seven states of a conversation, in the order a successful sale walks them.</summary>
[GenerateSerializer]
public enum ConversationState
{
    /// <summary>The first contact: greeting and finding out why the user is here.</summary>
    [JsonStringEnumMemberName("initial_contact")]
    InitialContact = 0,

    /// <summary>Learning what the user needs and whether there is a fit.</summary>
    [JsonStringEnumMemberName("interest_qualification")]
    InterestQualification = 1,

    /// <summary>Explaining what the product does for this user.</summary>
    [JsonStringEnumMemberName("value_proposition")]
    ValueProposition = 2,

    /// <summary>Answering doubts and concerns.</summary>
    [JsonStringEnumMemberName("objection_handling")]
    ObjectionHandling = 3,

    /// <summary>Talking about plans and prices.</summary>
    [JsonStringEnumMemberName("price_negotiation")]
    PriceNegotiation = 4,

    /// <summary>Asking for the decision.</summary>
    [JsonStringEnumMemberName("closing_attempt")]
    ClosingAttempt = 5,

    /// <summary>After the purchase: onboarding and support.</summary>
    [JsonStringEnumMemberName("post_purchase")]
    PostPurchase = 6,
}
