namespace Conversations.Grains.Intents;

/// <summary>The local classifier's vocabulary: cue words and phrases with their weight for each intent.</summary>
public static class IntentCues
{
    /// <summary>Intents whose cues do not count after a negation ("not sure" is no agreement).</summary>
    public static IReadOnlySet<string> Negatable { get; } =
        new HashSet<string>(StringComparer.Ordinal) { IntentNames.Affirmation, IntentNames.Interest, IntentNames.Purchase };

    /// <summary>Words that say a problem persists.</summary>
    public static IReadOnlyList<string> Persisting { get; } = ["still", "same", "again", "anymore"];

    /// <summary>
    /// Words that make a message a question without saying what it is about, with their weight. Together
    /// with a question mark and a question's opening words they add at most <see cref="MaxPhrasing"/>, so
    /// that what a question is about (a price, a problem) decides it.
    /// </summary>
    public static IReadOnlyList<(string Cue, double Weight)> QuestionPhrasing { get; } =
    [
        ("how does", 2), ("how do", 1.5), ("what is", 1.5), ("what does", 1.5), ("can it", 1.5), ("does it", 1.5),
        ("is there", 1), ("which", 1), ("do you have", 1),
    ];

    /// <summary>The most that phrasing alone adds to <see cref="IntentNames.Question"/>.</summary>
    public const double MaxPhrasing = 2.5;

    /// <summary>Every cue: the intent, a lower-case word or phrase matched on word boundaries, its weight.</summary>
    public static IReadOnlyList<(string Intent, string Cue, double Weight)> All { get; } =
    [
        // Greetings weigh little: "hi, we need a CRM" is about the CRM.
        .. Weighted(IntentNames.Greeting, 1.2, "hello", "hi", "hey", "hiya", "yo", "greetings", "morning", "howdy"),
        .. Weighted(IntentNames.Greeting, 1.5, "good morning", "good afternoon", "good evening", "hi there", "hey there"),

        .. Weighted(IntentNames.Interest, 2.5, "interested", "tell me more", "learn more", "hear more", "sounds interesting", "shopping around", "researching", "exploring", "evaluating"),
        .. Weighted(IntentNames.Interest, 2, "looking for", "looking into", "look into", "we want", "we'd like", "i'd like", "i'd love", "keen", "curious", "demo", "useful for us", "replace"),
        .. Weighted(IntentNames.Interest, 1.5, "we need", "i need", "want to know", "need something", "for our", "it's for", "we mostly", "we use", "we run", "team of", "could your product", "want to see", "options"),

        .. Weighted(IntentNames.Question, 2, "difference between", "compare", "compares", "out of the box"),
        .. Weighted(IntentNames.Question, 1.5, "integrate", "integration", "feature", "features", "support for", "api", "export", "encrypted", "languages", "audit log", "offline", "mobile app", "before paying", "try it", "training", "limit", "customise", "customize"),
        .. Weighted(IntentNames.Question, 1, "available", "stored", "owns"),

        // Price words decide a message even when it is phrased as a question.
        .. Weighted(IntentNames.Pricing, 4.5, "price", "prices", "pricing", "cost", "costs", "how much", "fee", "fees"),
        .. Weighted(IntentNames.Pricing, 2.5, "discount", "quote", "per seat", "per user", "rate", "free plan", "per month", "cheaper plan", "billed monthly", "vat included"),
        .. Weighted(IntentNames.Pricing, 2, "budget", "$", "pay annually", "plan cost", "seats"),
        .. Weighted(IntentNames.Pricing, 1.5, "plan", "plans", "tier", "expensive is it"),

        .. Weighted(IntentNames.Objection, 4, "too expensive", "over our budget", "can't afford", "cannot afford", "not interested", "second thoughts", "not ready", "think about it", "hard to justify", "not worth"),
        .. Weighted(IntentNames.Objection, 3, "expensive", "not convinced", "too complicated", "pricey", "more than we budgeted", "a lot for", "burned", "disaster", "what if", "check with", "hold on", "wait until", "nobody used", "don't have time", "lot of work"),
        .. Weighted(IntentNames.Objection, 2.5, "not sure", "concerned", "worried", "competitor", "cheaper", "doubt", "already use", "hates", "afford"),
        .. Weighted(IntentNames.Objection, 2, "don't think", "do not think", "risk", "tried something similar", "work for us", "not ready to commit"),
        .. Weighted(IntentNames.Objection, 0.5, "but", "hmm", "honestly", "actually"),

        .. Weighted(IntentNames.Purchase, 4, "buy", "purchase", "sign up", "subscribe", "sign me up", "do i sign", "let's do it", "lets do it", "we'll take", "i'm sold", "go ahead with", "we're in", "get started", "ready to buy"),
        .. Weighted(IntentNames.Purchase, 3, "checkout", "proceed", "go ahead", "take it", "ready to", "licences", "licenses", "subscription", "deal", "send me the contract"),
        .. Weighted(IntentNames.Purchase, 2, "order", "contract", "sign"),

        .. Weighted(IntentNames.Affirmation, 3, "sounds good", "makes sense", "fair enough", "convinced", "is fine", "works for us", "that works", "sure thing", "of course", "addresses my concern"),
        .. Weighted(IntentNames.Affirmation, 2, "yes", "yeah", "yep", "yup", "sure", "exactly", "absolutely", "definitely", "correct", "perfect", "agreed", "go on", "i see", "fair", "alright", "right"),
        .. Weighted(IntentNames.Affirmation, 1.5, "ok", "okay", "great"),

        .. Weighted(IntentNames.SupportProblem, 3.5, "can't log in", "cannot log in", "not loading", "does nothing", "nothing happens", "logged out", "not arriving", "stopped working"),
        .. Weighted(IntentNames.SupportProblem, 3, "broken", "bug", "crash", "crashes", "crashing", "freezes", "frozen", "error", "stopped", "missing", "locked", "blank", "disconnecting", "404", "500", "spam", "wrong with"),
        .. Weighted(IntentNames.SupportProblem, 2, "problem", "issue", "fails", "failing", "can't", "cannot", "won't", "aren't", "isn't working", "too large", "help me", "slow", "don't add up", "sent twice", "can't see", "can't upload", "keeps"),

        .. Weighted(IntentNames.Billing, 4, "refund", "billing", "money back", "billed", "payment method", "auto renewal", "charged"),
        .. Weighted(IntentNames.Billing, 3, "invoice", "invoices", "receipt", "charge", "bill", "statement", "cancel", "renewal"),
        .. Weighted(IntentNames.Billing, 2, "payment", "credit card", "finance", "accounting", "vat"),
        .. Weighted(IntentNames.Billing, 1, "twice"),

        .. Weighted(IntentNames.SmallTalk, 3.5, "how are you", "where are you", "are you a", "your job", "have a nice", "nice day", "merry", "happy", "weather", "weekend", "joke"),
        .. Weighted(IntentNames.SmallTalk, 2, "thanks", "thank you", "cheers", "lol", "haha", "funny", "you're", "robot", "christmas", "chat"),

        .. Weighted(IntentNames.HumanRequest, 4, "real person", "a person", "speak to someone", "talk to someone", "anyone real", "operator", "in person", "a human", "connect me", "call me back"),
        .. Weighted(IntentNames.HumanRequest, 3.5, "human", "representative", "sales rep", "salesperson", "escalate"),
        .. Weighted(IntentNames.HumanRequest, 2.5, "manager", "call me", "speak with", "speak to", "talk to"),
        .. Weighted(IntentNames.HumanRequest, 2, "agent", "someone", "bot"),

        .. Weighted(IntentNames.NotWorking, 4, "didn't work", "did not work", "still not working", "still broken", "tried that", "same problem", "didn't help", "doesn't help", "didn't solve", "didn't fix", "no difference", "nothing changed", "no change", "no luck", "did that already", "already did"),
        .. Weighted(IntentNames.NotWorking, 3.5, "doesn't work", "does not work", "same result", "same thing", "same error", "did what you said", "like you said", "fix did not"),
        .. Weighted(IntentNames.NotWorking, 2, "still", "nope", "tried", "reinstalled", "restarted", "cleared", "followed"),
        .. Weighted(IntentNames.NotWorking, 1, "again"),
    ];

    private static IEnumerable<(string Intent, string Cue, double Weight)> Weighted(string intent, double weight, params string[] cues) =>
        cues.Select(cue => (intent, cue, weight));
}
