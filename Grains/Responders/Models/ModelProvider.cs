namespace Conversations.Grains.Responders.Models;

/// <summary>Where replies come from (<c>Responders:Provider</c>).</summary>
public enum ModelProvider
{
    /// <summary>The deterministic offline responder; no model is called.</summary>
    Offline,

    /// <summary>An Azure OpenAI deployment.</summary>
    Azure,

    /// <summary>Any server that speaks OpenAI's chat completions API: OpenAI, Groq, OpenRouter, Ollama, vLLM, llama.cpp.</summary>
    OpenAI,
}
