using Conversations.Grains.Intelligence;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Responders;

/// <summary>
/// The offline responder's words: at least two variants where a reply may come twice in a row, with slots
/// (<c>{name}</c>, <c>{team}</c>, <c>{teamof}</c>, <c>{monthly}</c>, <c>{yearly}</c>, <c>{need}</c>,
/// <c>{budget}</c>, <c>{prompt}</c>) filled from what the conversation knows.
/// </summary>
internal static class OfflineReplies
{
    /// <summary>The article with the plans and prices.</summary>
    public const string PlansArticle = "kb-005";

    public static readonly string[] Handoff =
    [
        "I'm sorry this has been so hard{name}. I'm bringing in a member of our team now; they can see everything so far and will reply here shortly.",
        "I'm bringing in a member of our team{name}; they'll see this whole conversation and reply here shortly.",
    ];

    public static readonly Dictionary<string, string[]> Reask = new(StringComparer.Ordinal)
    {
        [ExpectedInputs.Email] =
        [
            "That doesn't look like an e-mail address{name}. {prompt} For example: name@company.com.",
            "I still need an e-mail address to set up the account{name}. {prompt} Something like name@company.com works.",
        ],
        [ExpectedInputs.TeamSize] =
        [
            "Sorry{name}, I didn't catch a number there. {prompt} A rough figure is fine.",
            "Just a rough number is fine{name}: how many people would use it? {prompt}",
        ],
    };

    public static readonly string[] Quote =
    [
        "Thanks{name}. For {team} people the Team plan comes to ${monthly} a month, everything included, or ${yearly} a year paid yearly (20% off). Shall we go ahead?",
        "That's ${monthly} a month for {team} people on the Team plan, or ${yearly} a year with the annual discount{budget}. Want me to set it up?",
    ];

    public static readonly string[] Problem =
    [
        "Sorry about the trouble{name}. What do you see on screen, and since when? I'll walk you through a fix step by step.",
        "That sounds frustrating{name}. What were you doing when it went wrong, and what do you see now? Then we can fix it together.",
    ];

    public static readonly string[] NotWorking =
    [
        "I'm sorry that didn't work{name}. Let's try another way: sign out, clear the app's cache, and sign in again. Does it behave now?",
        "Thanks for trying{name}, and sorry it's still not right. Which version are you on, and what exactly happens?",
    ];

    public static readonly string[] OutOfFixes =
    [
        "I'm sorry{name}, we've tried every fix I know for this. Shall I bring in a person from our support team to look at your account?",
        "That's all the fixes I have for this{name}, and I'm sorry it's still not right. A person from our team can take it from here: shall I ask them?",
    ];

    public static readonly string[] Billing =
    [
        "I can help with billing{name}. Please share the invoice number or the date of the charge, and I'll look into it right away.",
        "Happy to look into your bill{name}. Which invoice or charge is it about?",
    ];

    public static readonly string[] HumanRequest =
    [
        "Of course{name}. I've noted that you'd like to talk to a person. Meanwhile, is there anything I can answer right away?",
        "Sure{name}, a person from our team can help. Is there anything I can do in the meantime?",
    ];

    public static readonly string[] SmallTalk =
    [
        "Happy to chat{name}! Is there anything I can help you with today?",
        "Thanks{name}, that's kind! What can I do for you?",
    ];

    public static readonly string[] SmallTalkCustomer =
    [
        "You're welcome{name}! I'm here whenever you need help with your workspace.",
        "Glad I could help{name}. Just write here if anything else comes up.",
    ];

    public static readonly string[] GreetingCustomer =
    [
        "Welcome back{name}! How can I help with your workspace today?",
        "Hi again{name}! What can I do for you today?",
    ];

    public static readonly string[] GreetingAgain =
    [
        "Hi again{name}! Where were we: anything else you'd like to know?",
        "Hello{name}! Happy to pick up where we left off. What would you like to know?",
    ];

    public static readonly string[] Unclear =
    [
        "Sorry{name}, I didn't quite get that. Could you tell me a little more about what you need?",
        "I'm not sure I followed{name}. What would you like to do: hear how it works, see prices, or get help with your account?",
    ];

    public static readonly string[] PriceObjection =
    [
        "I hear you{name}. The Team plan is $29 per user, and paying yearly takes 20% off; nonprofits and young startups get more. How many people would really need a seat?",
        "Fair point{name}. Most teams start with only the people who answer messages, and the 30-day trial is free. Would a smaller start work for you?",
    ];

    public static readonly string[] PriceObjectionForTeam =
    [
        "I hear you{name}. For {team} people it's ${monthly} a month, or ${yearly} a year paid yearly; teams usually win back hours a week on {need}. Would starting with fewer seats help?",
        "Fair point{name}. Paying yearly brings {teamof} down to ${yearly} a year, and you can start with fewer seats and add more later. Would that work?",
    ];

    public static readonly string[] CustomerPricing =
    [
        "Extra seats are $29 each a month on the Team plan, charged pro rata from today{name}. You can add them in Settings > Billing > Seats.",
    ];

    public static readonly Dictionary<ConversationState, string[]> ByState = new()
    {
        [ConversationState.InitialContact] =
        [
            "Hi{name}! Thanks for reaching out. What brings you here today: are you exploring options for your team?",
            "Hello{name}, glad you're here. Tell me a little about what you're looking for and I'll point you the right way.",
        ],
        [ConversationState.InterestQualification] =
        [
            "Great{name}! We help teams answer {need} from one shared inbox. How many people would use it, and what do you use today?",
            "Thanks{name}. To find the right fit: how large is your team, and which channels do your customers write on?",
        ],
        [ConversationState.ValueProposition] =
        [
            "With Switchboard {teamof} answers {need} from one inbox: chats are assigned, saved replies and automation handle the repeats, and reports show response times. Want to see how that fits your day?",
            "Here's what you'd get{name}: every channel in one place, no message missed, automatic answers to the common questions, and setup in a day. Which of these matters most?",
        ],
        [ConversationState.ObjectionHandling] =
        [
            "That's a fair concern{name}. The 30-day trial is free and guided onboarding is included, so you can see it work before you decide. What would you need to see?",
            "I understand{name}. You can start small, with no long contract, and export your data whenever you like. Would that address your concern?",
        ],
        [ConversationState.PriceNegotiation] =
        [
            "Our Team plan is $29 per user per month, everything included, and paying yearly saves 20%. How many seats are you thinking of{name}?",
            "Pricing is simple{name}: $29 per user per month on the Team plan, $49 on Business, 20% off paid yearly. How many people would use it?",
        ],
        [ConversationState.ClosingAttempt] =
        [
            "Wonderful{name}! Let's get you started: which work e-mail address should the account and the invoice go to?",
            "It sounds like a good fit{name}. I can set up your account today; I just need a work e-mail address to send the invitation.",
        ],
        [ConversationState.PostPurchase] =
        [
            "Welcome aboard{name}! Your workspace is ready. Shall we start by connecting your channels or by inviting your team?",
            "Thanks for choosing us{name}! Ask me here any time; I'm happy to help you get set up.",
        ],
    };

    private static readonly string[] PriceWords = ["expensive", "price", "pricey", "cost", "afford", "budget", "cheaper", "steep", "too much", "a lot", "money", "pay"];

    /// <summary>Whether an objection is about money.</summary>
    public static bool IsAboutPrice(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return PriceWords.Any(w => TextNormalizer.ContainsPhrase(normalized, w));
    }
}
