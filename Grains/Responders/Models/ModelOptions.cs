namespace Conversations.Grains.Responders.Models;

/// <summary>Which responder writes replies, and how a model is called (configuration section <c>Responders</c>).</summary>
public sealed class ModelOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Responders";

    /// <summary>Where replies come from. Default <see cref="ModelProvider.Offline"/>.</summary>
    public ModelProvider Provider { get; set; } = ModelProvider.Offline;

    /// <summary>The model's first token must arrive within this time, or the fallback answers. Default 2 seconds.</summary>
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The model's whole reply must arrive within this time, or the fallback answers. Default 30 seconds.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the model is asked for the intent of each message (structured output) before it writes the
    /// reply; when it cannot say, the local classifier decides. Default <see langword="true"/>.
    /// </summary>
    public bool ModelIntents { get; set; } = true;

    /// <summary>The model must classify the intent within this time, or the local classifier decides. Default 1 second.</summary>
    public TimeSpan IntentTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a request answered with 429 (rate limited) is sent again, after the wait the server asks
    /// for in <c>Retry-After</c>, as long as the deadlines allow. Default 3.
    /// </summary>
    public int RateLimitRetries { get; set; } = 3;

    /// <summary>Sampling temperature sent to the model. Default 0.4.</summary>
    public float Temperature { get; set; } = 0.4f;

    /// <summary>When to stop calling a failing model.</summary>
    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>The OpenAI-compatible endpoint, for <see cref="ModelProvider.OpenAI"/>.</summary>
    public OpenAIEndpointOptions OpenAI { get; set; } = new();

    /// <summary>The Azure OpenAI deployment, for <see cref="ModelProvider.Azure"/>.</summary>
    public AzureEndpointOptions Azure { get; set; } = new();
}
