using System.Globalization;
using System.Text;
using Conversations.Grains.Domain;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.AI;

namespace Conversations.Grains.Responders.Models;

/// <summary>
/// The messages sent to the model for one turn: a system prompt in the domain pack's words (who the assistant
/// is, the goal of the conversation's state after this turn's transition, the answering agent, the product's
/// facts), who answers and how it should sound (<see cref="ModelPromptGuidance"/>), what is known of the user,
/// the summary of older turns and the best help articles; then the recent turns, then the user's message.
/// </summary>
public static class ModelPrompt
{
    /// <summary>The chat messages for <paramref name="context"/>.</summary>
    public static List<ChatMessage> Build(ReplyContext context) => Build(context, []);

    /// <summary>The chat messages for <paramref name="context"/>, grounded in <paramref name="articles"/> (best first).</summary>
    public static List<ChatMessage> Build(ReplyContext context, IReadOnlyList<Knowledge.KnowledgeArticle> articles) =>
        Build(context, articles, DomainPackSource.Default);

    /// <summary>The chat messages for <paramref name="context"/> in the words of <paramref name="pack"/>, grounded in <paramref name="articles"/> (best first).</summary>
    public static List<ChatMessage> Build(ReplyContext context, IReadOnlyList<Knowledge.KnowledgeArticle> articles, DomainPack pack)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(pack);
        var system = new StringBuilder(SystemPrompt(context, pack));
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

    private static string SystemPrompt(ReplyContext context, DomainPack pack)
    {
        var prompt = new StringBuilder()
            .Append(pack.Assistant).Append(' ')
            .Append(CultureInfo.InvariantCulture, $"Reply in plain text, in at most {context.MaxReplyChars} characters, with no markdown. ")
            .Append(CultureInfo.InvariantCulture, $"The conversation is in the stage '{context.State.ToWireName()}': ")
            .Append(pack.State(context.State).Goal)
            .Append(CultureInfo.InvariantCulture, $" The user's message was understood as '{context.Intent.Name}'.");
        if (pack.Agent(context.Persona) is { } agent && agent.Role.Length > 0)
        {
            prompt.Append(CultureInfo.InvariantCulture, $" The answering agent is {agent.Name}: {agent.Role}");
        }

        ModelPromptGuidance.AppendTo(prompt, context);
        if (pack.Product.Facts.Length > 0)
        {
            prompt.Append(CultureInfo.InvariantCulture, $" Facts about {pack.Product.Name}: ").AppendJoin(' ', pack.Product.Facts);
        }

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

            foreach (var input in pack.Inputs)
            {
                if (signals.Inputs?.GetValueOrDefault(input.Name) is { } value)
                {
                    prompt.Append(CultureInfo.InvariantCulture, $" Their {input.Name.Replace('_', ' ')}: {value}.");
                }
            }
        }

        return prompt.ToString();
    }
}
