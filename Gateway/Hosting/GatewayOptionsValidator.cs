using Conversations.Gateway.WebSockets;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Hosting;

/// <summary>Checks <see cref="GatewayOptions"/> at start-up, naming the key to fix.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = GatewayOptions.SectionName;
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{Section}:Mode must be Embedded or Client.");
        }

        if (options.MaxFrameBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{Section}:MaxFrameBytes must be from 1024 to 16777216 (was {options.MaxFrameBytes}).");
        }

        if (options.MaxContentChars < 1 || options.MaxContentChars > options.MaxFrameBytes)
        {
            failures.Add($"{Section}:MaxContentChars must be from 1 to {Section}:MaxFrameBytes (was {options.MaxContentChars}).");
        }

        if (options.MaxUserNameChars is < 1 or > 1000)
        {
            failures.Add($"{Section}:MaxUserNameChars must be from 1 to 1000 (was {options.MaxUserNameChars}).");
        }

        if (options.OversizeWarnings < 0)
        {
            failures.Add($"{Section}:OversizeWarnings must not be negative (was {options.OversizeWarnings}).");
        }

        AtLeastOne(failures, $"{Section}:MaxConnections", options.MaxConnections);
        AtLeastOne(failures, $"{Section}:MaxConnectionsPerUser", options.MaxConnectionsPerUser);
        AtLeastOne(failures, $"{Section}:HttpRequestsPerSecond", options.HttpRequestsPerSecond);
        AtLeastOne(failures, $"{Section}:HttpRequestBurst", options.HttpRequestBurst);
        AtLeastOne(failures, $"{Section}:MaxConversationsPerUser", options.MaxConversationsPerUser);
        AtLeastOne(failures, $"{Section}:UpgradesPerSecond", options.UpgradesPerSecond);
        AtLeastOne(failures, $"{Section}:UpgradeBurst", options.UpgradeBurst);
        AtLeastOne(failures, $"{Section}:MessagesPerSecond", options.MessagesPerSecond);
        AtLeastOne(failures, $"{Section}:MessageBurst", options.MessageBurst);
        AtLeastOne(failures, $"{Section}:RateLimitStrikes", options.RateLimitStrikes);

        if (options.OutboundQueueFrames < 16)
        {
            failures.Add($"{Section}:OutboundQueueFrames must be at least 16 (was {options.OutboundQueueFrames}).");
        }

        if (options.SocketSendBufferBytes is < 0 or (> 0 and < 2048))
        {
            failures.Add($"{Section}:SocketSendBufferBytes must be 0 (the operating system's choice) or at least 2048 (was {options.SocketSendBufferBytes}).");
        }

        Positive(failures, $"{Section}:IdleTimeout", options.IdleTimeout);
        Positive(failures, $"{Section}:KeepAliveInterval", options.KeepAliveInterval);
        Positive(failures, $"{Section}:KeepAliveTimeout", options.KeepAliveTimeout);
        Positive(failures, $"{Section}:CloseTimeout", options.CloseTimeout);
        Positive(failures, $"{Section}:HttpTurnTimeout", options.HttpTurnTimeout);
        Positive(failures, $"{Section}:StallTimeout", options.StallTimeout);
        Positive(failures, $"{Section}:ClusterChangeRetry", options.ClusterChangeRetry);
        Positive(failures, $"{Section}:DrainTimeout", options.DrainTimeout);
        Positive(failures, $"{Section}:ClusterUnreachableTimeout", options.ClusterUnreachableTimeout);
        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            if (!AllowedOrigin.TryParse(options.AllowedOrigins[i], out _))
            {
                failures.Add($"{Section}:AllowedOrigins:{i} must be an origin such as https://app.example.com (scheme, host and optional port, no path) (was '{options.AllowedOrigins[i]}').");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AtLeastOne(List<string> failures, string key, int value)
    {
        if (value < 1)
        {
            failures.Add($"{key} must be at least 1 (was {value}).");
        }
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive time span such as 00:00:30 (was {value}).");
        }
    }
}
