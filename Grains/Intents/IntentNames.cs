namespace Conversations.Grains.Intents;

/// <summary>The intents the classifiers know, as they appear on the wire.</summary>
public static class IntentNames
{
    /// <summary>Hello, good morning.</summary>
    public const string Greeting = "greeting";

    /// <summary>The user wants the product or wants to hear more.</summary>
    public const string Interest = "interest";

    /// <summary>A question about the product.</summary>
    public const string Question = "question";

    /// <summary>Price, plans, discounts.</summary>
    public const string Pricing = "pricing";

    /// <summary>A doubt or a reason not to buy.</summary>
    public const string Objection = "objection";

    /// <summary>The user wants to buy or sign up.</summary>
    public const string Purchase = "purchase";

    /// <summary>The user says they have bought: signed up, paid, ordered.</summary>
    public const string PurchaseConfirmed = "purchase_confirmed";

    /// <summary>Yes, sounds good, go on.</summary>
    public const string Affirmation = "affirmation";

    /// <summary>Something is broken.</summary>
    public const string SupportProblem = "support_problem";

    /// <summary>Invoices, charges, refunds.</summary>
    public const string Billing = "billing";

    /// <summary>Chat that is not about the product.</summary>
    public const string SmallTalk = "small_talk";

    /// <summary>The user asks for a person.</summary>
    public const string HumanRequest = "human_request";

    /// <summary>A follow-up saying the last answer did not help.</summary>
    public const string NotWorking = "not_working";

    /// <summary>Nothing recognisable.</summary>
    public const string Unknown = "unknown";

    /// <summary>Every intent above, in the order listed.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Greeting, Interest, Question, Pricing, Objection, Purchase, PurchaseConfirmed, Affirmation,
        SupportProblem, Billing, SmallTalk, HumanRequest, NotWorking, Unknown,
    ];
}
