using System.ClientModel;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace Conversations.Grains.Responders.Models;

/// <summary>Builds the one shared, thread-safe <see cref="IChatClient"/> for the configured provider.</summary>
public static class ChatClientFactory
{
    /// <summary>
    /// The activity source and meter of the model calls (Microsoft.Extensions.AI's OpenTelemetry middleware):
    /// a <c>chat</c> span per call with the GenAI semantic conventions' attributes, and the
    /// <c>gen_ai.client.token.usage</c> and <c>gen_ai.client.operation.duration</c> histograms.
    /// </summary>
    public const string TelemetrySourceName = "Conversations.Models";

    /// <summary>
    /// The chat client for <paramref name="options"/>, behind Microsoft.Extensions.AI's logging and OpenTelemetry
    /// middleware; <see langword="null"/> for the offline provider. Prompts and replies are never recorded.
    /// </summary>
    public static IChatClient? Create(ModelOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return Provider(options)?.AsBuilder()
            .UseLogging(loggerFactory)
            .UseOpenTelemetry(loggerFactory, TelemetrySourceName, telemetry => telemetry.EnableSensitiveData = false)
            .Build();
    }

    private static IChatClient? Provider(ModelOptions options)
    {
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
