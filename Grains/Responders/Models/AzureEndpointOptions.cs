namespace Conversations.Grains.Responders.Models;

/// <summary>An Azure OpenAI deployment (<c>Responders:Azure</c>).</summary>
public sealed class AzureEndpointOptions
{
    /// <summary>The resource's endpoint (e.g. <c>https://my-resource.openai.azure.com/</c>). Required.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The deployment name. Required.</summary>
    public string? Deployment { get; set; }

    /// <summary>The resource's API key. Required.</summary>
    public string? ApiKey { get; set; }
}
