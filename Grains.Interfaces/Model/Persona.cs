using System.Text.Json.Serialization;

namespace Conversations.Grains.Interfaces.Model;

/// <summary>Who answers a turn: the assistant's role for what the user is asking about.</summary>
[GenerateSerializer]
public enum Persona
{
    /// <summary>Anything else: greetings, small talk, requests for a person.</summary>
    [JsonStringEnumMemberName("general")]
    General = 0,

    /// <summary>Interest, product questions, prices, objections and purchases.</summary>
    [JsonStringEnumMemberName("sales")]
    Sales = 1,

    /// <summary>Problems with the product and follow-ups that a fix did not work.</summary>
    [JsonStringEnumMemberName("tech_support")]
    TechSupport = 2,

    /// <summary>Invoices, charges and refunds.</summary>
    [JsonStringEnumMemberName("billing")]
    Billing = 3,
}
