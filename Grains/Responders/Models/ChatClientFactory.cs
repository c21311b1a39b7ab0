using System.ClientModel;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Conversations.Grains.Responders.Models;

/// <summary>Builds the one shared, thread-safe <see cref="IChatClient"/> for the configured provider.</summary>
public static class ChatClientFactory
{
    /// <summary>The chat client for <paramref name="options"/>; <see langword="null"/> for the offline provider.</summary>
    public static IChatClient? Create(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var retry = new RateLimitRetryPolicy(options.RateLimitRetries);

        // The deadlines are ours; the pipeline's own network timeout only backs them up, so that a missed
        // deadline is always reported as one (LLM_TIMEOUT) rather than as a network error.
        var networkTimeout = options.ReplyTimeout + TimeSpan.FromSeconds(30);
        return options.Provider switch
        {
            ModelProvider.OpenAI => new OpenAIClient(
                    new ApiKeyCredential(options.OpenAI.ApiKey!),
                    new OpenAIClientOptions { Endpoint = new Uri(options.OpenAI.BaseUrl!), RetryPolicy = retry, NetworkTimeout = networkTimeout })
                .GetChatClient(options.OpenAI.Model!)
                .AsIChatClient(),
            ModelProvider.Azure => new AzureOpenAIClient(
                    new Uri(options.Azure.Endpoint!),
                    new ApiKeyCredential(options.Azure.ApiKey!),
                    new AzureOpenAIClientOptions { RetryPolicy = retry, NetworkTimeout = networkTimeout })
                .GetChatClient(options.Azure.Deployment!)
                .AsIChatClient(),
            _ => null,
        };
    }

    /// <summary>The responder name reported in replies: the provider and the model or deployment.</summary>
    public static string ResponderName(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            ModelProvider.OpenAI => $"openai:{options.OpenAI.Model}",
            ModelProvider.Azure => $"azure:{options.Azure.Deployment}",
            _ => OfflineReplyGenerator.ResponderName,
        };
    }
}
