namespace Conversations.Grains.Responders.Models;

/// <summary>An OpenAI-compatible endpoint (<c>Responders:OpenAI</c>).</summary>
public sealed class OpenAIEndpointOptions
{
    /// <summary>The API's base address, up to and including <c>/v1</c> (e.g. <c>https://api.openai.com/v1</c>). Required.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The model name sent with every request (e.g. <c>gpt-4o-mini</c>). Required.</summary>
    public string? Model { get; set; }

    /// <summary>The API key, sent as a bearer token. Required; servers that need none (Ollama) accept any value.</summary>
    public string? ApiKey { get; set; }
}
