namespace Conversations.Grains.Domain;

/// <summary>
/// The reply templates every pack has. Slots in braces are filled from what the conversation knows:
/// <c>{name}</c>, <c>{team}</c>, <c>{teamof}</c>, <c>{monthly}</c>, <c>{yearly}</c>, <c>{need}</c>, <c>{budget}</c>,
/// <c>{prompt}</c>, and each input's value by its name (<c>{duration}</c>); <c>{answer}</c> is an article's
/// answer, <c>{fix}</c> an article's fix, <c>{reply}</c> a reply said again.
/// </summary>
public static class ReplyNames
{
    /// <summary>The conversation goes to a person.</summary>
    public const string Handoff = "handoff";

    /// <summary>A quote for the team size just given.</summary>
    public const string Quote = "quote";

    /// <summary>A problem no article answers.</summary>
    public const string Problem = "problem";

    /// <summary>A problem with an article's first fix (<c>{fix}</c>).</summary>
    public const string ProblemFix = "problem_fix";

    /// <summary>A fix did not work: the article's next fix (<c>{fix}</c>).</summary>
    public const string NextFix = "next_fix";

    /// <summary>A fix did not work and no article is known.</summary>
    public const string NotWorking = "not_working";

    /// <summary>Every fix of the article has been tried.</summary>
    public const string OutOfFixes = "out_of_fixes";

    /// <summary>A billing question no article answers.</summary>
    public const string Billing = "billing";

    /// <summary>A billing question with an article's answer.</summary>
    public const string BillingAnswer = "billing_answer";

    /// <summary>The user asked for a person.</summary>
    public const string HumanRequest = "human_request";

    /// <summary>Small talk.</summary>
    public const string SmallTalk = "small_talk";

    /// <summary>Small talk from a customer (after the purchase).</summary>
    public const string SmallTalkCustomer = "small_talk_customer";

    /// <summary>A customer's greeting.</summary>
    public const string GreetingCustomer = "greeting_customer";

    /// <summary>A greeting in the middle of a conversation.</summary>
    public const string GreetingAgain = "greeting_again";

    /// <summary>A message not understood.</summary>
    public const string Unclear = "unclear";

    /// <summary>An objection about the price, team size unknown.</summary>
    public const string PriceObjection = "price_objection";

    /// <summary>An objection about the price, team size known.</summary>
    public const string PriceObjectionForTeam = "price_objection_for_team";

    /// <summary>An objection answered from an article (<c>{answer}</c>).</summary>
    public const string ObjectionAnswer = "objection_answer";

    /// <summary>A specific price question answered from an article, team size unknown.</summary>
    public const string PricingAnswer = "pricing_answer";

    /// <summary>A specific price question answered from an article, team size known.</summary>
    public const string PricingAnswerForTeam = "pricing_answer_for_team";

    /// <summary>A customer's price question.</summary>
    public const string CustomerPricing = "customer_pricing";

    /// <summary>The purchase is confirmed, with the first steps' article.</summary>
    public const string PurchaseConfirmedAnswer = "purchase_confirmed_answer";

    /// <summary>A customer who buys again, with the first steps' article.</summary>
    public const string CustomerPurchaseAnswer = "customer_purchase_answer";

    /// <summary>The only variant was said last time and is said again (<c>{reply}</c>).</summary>
    public const string Again = "again";

    /// <summary>Every name a pack must have.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Handoff, Quote, Problem, ProblemFix, NextFix, NotWorking, OutOfFixes, Billing, BillingAnswer, HumanRequest,
        SmallTalk, SmallTalkCustomer, GreetingCustomer, GreetingAgain, Unclear, PriceObjection, PriceObjectionForTeam,
        ObjectionAnswer, PricingAnswer, PricingAnswerForTeam, CustomerPricing, PurchaseConfirmedAnswer,
        CustomerPurchaseAnswer, Again,
    ];
}
