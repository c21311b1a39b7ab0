using System.Runtime.CompilerServices;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.AI;

namespace Conversations.Grains.Responders.Models;

/// <summary>Streams a model's reply through the shared <see cref="IChatClient"/>, token by token, with its usage.</summary>
public sealed class ModelReplyGenerator(IChatClient client, string name, float temperature) : IReplyGenerator
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public async IAsyncEnumerable<ReplyEvent> GenerateAsync(
        ReplyContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new ChatOptions
        {
            // About four characters a token; the grain cuts the reply at MaxReplyChars in any case.
            MaxOutputTokens = (context.MaxReplyChars / 3) + 16,
            Temperature = temperature,
        };
        await foreach (var update in client.GetStreamingResponseAsync(ModelPrompt.Build(context), options, cancellationToken))
        {
            var text = update.Text;
            if (text.Length > 0)
            {
                yield return new ReplyText(text);
            }

            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                var details = usage.Details;
                var input = details.InputTokenCount ?? 0;
                var output = details.OutputTokenCount ?? 0;
                yield return new ReplyUsage(new TokenUsage(input, output, details.TotalTokenCount ?? input + output));
            }
        }
    }
}
