using Microsoft.Extensions.Options;

namespace Conversations.Grains.Responders.Models;

/// <summary>Checks <see cref="ModelOptions"/> at start-up, naming the key to fix.</summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    private const string Section = ModelOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Section}:Provider must be offline, azure or openai.");
        }

        if (options.ReplyTimeout <= TimeSpan.Zero || options.ReplyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:ReplyTimeout must be more than 00:00:00 and at most 00:10:00 (was {options.ReplyTimeout}).");
        }

        if (options.FirstTokenTimeout <= TimeSpan.Zero || options.FirstTokenTimeout > options.ReplyTimeout)
        {
            failures.Add($"{Section}:FirstTokenTimeout must be more than 00:00:00 and at most {Section}:ReplyTimeout (was {options.FirstTokenTimeout}).");
        }

        if (options.IntentTimeout <= TimeSpan.Zero || options.IntentTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:IntentTimeout must be more than 00:00:00 and at most 00:01:00 (was {options.IntentTimeout}).");
        }

        if (options.RateLimitRetries is < 0 or > 10)
        {
            failures.Add($"{Section}:RateLimitRetries must be from 0 to 10 (was {options.RateLimitRetries}).");
        }

        if (options.Temperature is < 0 or > 2)
        {
            failures.Add($"{Section}:Temperature must be from 0 to 2 (was {options.Temperature}).");
        }

        if (options.CircuitBreaker.FailureThreshold < 1)
        {
            failures.Add($"{Section}:CircuitBreaker:FailureThreshold must be at least 1 (was {options.CircuitBreaker.FailureThreshold}).");
        }

        if (options.CircuitBreaker.BreakDuration <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:CircuitBreaker:BreakDuration must be more than 00:00:00 (was {options.CircuitBreaker.BreakDuration}).");
        }

        switch (options.Provider)
        {
            case ModelProvider.OpenAI:
                RequireUrl(failures, $"{Section}:OpenAI:BaseUrl", options.OpenAI.BaseUrl, "the API's base address, e.g. https://api.openai.com/v1");
                Require(failures, $"{Section}:OpenAI:Model", options.OpenAI.Model, "the model name, e.g. gpt-4o-mini");
                Require(failures, $"{Section}:OpenAI:ApiKey", options.OpenAI.ApiKey, "the API key (any value for servers that need none, such as Ollama)");
                break;
            case ModelProvider.Azure:
                RequireUrl(failures, $"{Section}:Azure:Endpoint", options.Azure.Endpoint, "the resource endpoint, e.g. https://my-resource.openai.azure.com/");
                Require(failures, $"{Section}:Azure:Deployment", options.Azure.Deployment, "the deployment name");
                Require(failures, $"{Section}:Azure:ApiKey", options.Azure.ApiKey, "the resource's API key");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, string key, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} is required: {what}.");
        }
    }

    private static void RequireUrl(List<string> failures, string key, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key} is required: {what}.");
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"{key} must be an absolute http or https address: {what} (was '{value}').");
        }
    }
}
