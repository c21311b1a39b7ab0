using Microsoft.Extensions.Options;

namespace Conversations.Grains.Webhooks;

/// <summary>Checks <see cref="WebhookOptions"/> at start-up, naming the key to fix.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <summary>The shortest secret accepted.</summary>
    public const int MinSecretLength = 16;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = WebhookOptions.SectionName;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var key = $"{Section}:Endpoints:{i}";
            if (string.IsNullOrWhiteSpace(endpoint.Name))
            {
                failures.Add($"{key}:Name must be set.");
            }
            else if (!names.Add(endpoint.Name))
            {
                failures.Add($"{key}:Name '{endpoint.Name}' is used by another endpoint; names must be unique.");
            }

            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{key}:Url must be an absolute http or https URL (was '{endpoint.Url}').");
            }

            if (string.IsNullOrWhiteSpace(endpoint.Secret) || endpoint.Secret.Length < MinSecretLength)
            {
                failures.Add($"{key}:Secret must be at least {MinSecretLength} characters.");
            }

            foreach (var type in endpoint.Events)
            {
                if (!WebhookEventTypes.All.Contains(type, StringComparer.Ordinal))
                {
                    failures.Add($"{key}:Events has '{type}'; the event types are {string.Join(", ", WebhookEventTypes.All)}.");
                }
            }
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"{Section}:MaxAttempts must be between 1 and 20 (was {options.MaxAttempts}).");
        }

        if (options.FirstRetryDelay <= TimeSpan.Zero || options.FirstRetryDelay > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:FirstRetryDelay must be more than 0 and at most 00:10:00 (was {options.FirstRetryDelay}).");
        }

        if (options.MaxRetryDelay < options.FirstRetryDelay || options.MaxRetryDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:MaxRetryDelay must be at least {Section}:FirstRetryDelay ({options.FirstRetryDelay}) and at most 01:00:00 (was {options.MaxRetryDelay}).");
        }

        if (options.RequestTimeout < TimeSpan.FromMilliseconds(100) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:RequestTimeout must be between 00:00:00.100 and 00:05:00 (was {options.RequestTimeout}).");
        }

        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{Section}:QueueCapacity must be between 1 and 1000000 (was {options.QueueCapacity}).");
        }

        if (options.MaxConcurrentDeliveries is < 1 or > 256)
        {
            failures.Add($"{Section}:MaxConcurrentDeliveries must be between 1 and 256 (was {options.MaxConcurrentDeliveries}).");
        }

        if (options.MemoryDeadLetterLimit is < 1 or > 1_000_000)
        {
            failures.Add($"{Section}:MemoryDeadLetterLimit must be between 1 and 1000000 (was {options.MemoryDeadLetterLimit}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
