using System.Globalization;
using System.Text;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.AI;

namespace Conversations.Grains.Responders.Models;

/// <summary>
/// The messages sent to the model for one turn: a system prompt for the conversation's state (after this
/// turn's transition), who answers and how it should sound (<see cref="ModelPromptGuidance"/>), what is known
/// of the user, the summary of older turns and the best help articles; then the recent turns, then the
/// user's message.
/// </summary>
public static class ModelPrompt
{
    private static readonly Dictionary<ConversationState, string> ByState = new()
    {
        [ConversationState.InitialContact] = "Greet the user warmly and find out what brings them here.",
        [ConversationState.InterestQualification] = "Find out who would use the product, how large the team is and what they use today. Ask one question.",
        [ConversationState.ValueProposition] = "Explain the value that matters for what the user said: fast setup, real-time sync, automation, reports, included support.",
        [ConversationState.ObjectionHandling] = "Acknowledge the user's concern, answer it honestly (30-day trial, guided onboarding, no long contract, data stays theirs) and ask what they would need to see.",
        [ConversationState.PriceNegotiation] = "Talk price plainly: the Team plan is $29 per user per month, 20% off with annual billing, volume pricing for larger teams. Ask how many seats.",
        [ConversationState.ClosingAttempt] = "Invite the user to start now and ask for the work e-mail address for the account.",
        [ConversationState.PostPurchase] = "Welcome the new customer and help them get set up: inviting the team or importing data.",
    };

    /// <summary>The chat messages for <paramref name="context"/>.</summary>
    public static List<ChatMessage> Build(ReplyContext context) => Build(context, []);

    /// <summary>The chat messages for <paramref name="context"/>, grounded in <paramref name="articles"/> (best first).</summary>
    public static List<ChatMessage> Build(ReplyContext context, IReadOnlyList<Knowledge.KnowledgeArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(articles);
        var system = new StringBuilder(SystemPrompt(context));
        if (articles.Count > 0)
        {
            system.Append(" Answer from these help articles where they apply, and do not invent facts they do not state:");
            foreach (var article in articles)
            {
                system.Append(CultureInfo.InvariantCulture, $"\n[{article.Id}] {article.Title}: {article.Answer} {article.Body}");
                if (article.Fixes is { Count: > 0 } fixes)
                {
                    system.Append(" Fixes to try, in order:");
                    for (var i = 0; i < fixes.Count; i++)
                    {
                        system.Append(CultureInfo.InvariantCulture, $" {i + 1}) {fixes[i]}");
                    }
                }
            }
        }

        var messages = new List<ChatMessage> { new(ChatRole.System, system.ToString()) };
        foreach (var turn in context.RecentTurns)
        {
            messages.Add(new ChatMessage(ChatRole.User, turn.UserMessage));
            if (turn.Reply.Length > 0)
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, turn.Reply));
            }
        }

        messages.Add(new ChatMessage(ChatRole.User, context.UserMessage));
        return messages;
    }

    private static string SystemPrompt(ReplyContext context)
    {
        var prompt = new StringBuilder()
            .Append("You are a friendly, concise sales and support assistant for a business software product. ")
            .Append(CultureInfo.InvariantCulture, $"Reply in plain text, in at most {context.MaxReplyChars} characters, with no markdown. ")
            .Append(CultureInfo.InvariantCulture, $"The conversation is in the stage '{context.State.ToWireName()}': ")
            .Append(ByState[context.State])
            .Append(CultureInfo.InvariantCulture, $" The user's message was understood as '{context.Intent.Name}'.");
        ModelPromptGuidance.AppendTo(prompt, context);
        if (!string.IsNullOrWhiteSpace(context.UserName))
        {
            prompt.Append(CultureInfo.InvariantCulture, $" The user's name is {context.UserName.Trim()}.");
        }

        if (!string.IsNullOrWhiteSpace(context.Summary))
        {
            prompt.Append(" Earlier in the conversation: ").Append(context.Summary);
        }

        if (context.Signals is { } signals)
        {
            if (signals.TeamSize is { } size)
            {
                prompt.Append(CultureInfo.InvariantCulture, $" The user's team has {size} people.");
            }

            if (signals.Need is { } need)
            {
                prompt.Append(CultureInfo.InvariantCulture, $" They need it for {need}.");
            }

            if (signals.Budget is { } budget)
            {
                prompt.Append(CultureInfo.InvariantCulture, $" Their budget: {budget}.");
            }
        }

        return prompt.ToString();
    }
}
