using System.Text;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Auth;

/// <summary>Checks <see cref="AuthOptions"/> at start-up, naming the key to fix.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <summary>The shortest signing key, in bytes: HMAC SHA-256 needs 256 bits.</summary>
    public const int MinSigningKeyBytes = 32;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Enabled != true)
        {
            return ValidateOptionsResult.Success;
        }

        const string Section = AuthOptions.SectionName;
        var failures = new List<string>();
        var hasKey = !string.IsNullOrEmpty(options.SigningKey);
        var hasAuthority = !string.IsNullOrEmpty(options.Authority);
        if (!hasKey && !hasAuthority)
        {
            failures.Add($"Authentication is on: set {Section}:SigningKey (a secret of at least {MinSigningKeyBytes} bytes) or {Section}:Authority (an OpenID Connect issuer URL), or turn it off with {Section}:Enabled=false.");
        }

        if (hasKey && Encoding.UTF8.GetByteCount(options.SigningKey!) < MinSigningKeyBytes)
        {
            failures.Add($"{Section}:SigningKey must be at least {MinSigningKeyBytes} bytes (was {Encoding.UTF8.GetByteCount(options.SigningKey!)}).");
        }

        if (hasAuthority && !(Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) && authority.Scheme is "https" or "http"))
        {
            failures.Add($"{Section}:Authority must be an absolute http(s) URL (was '{options.Authority}').");
        }

        if (hasAuthority && string.IsNullOrEmpty(options.Audience))
        {
            failures.Add($"{Section}:Audience is required with {Section}:Authority: the identity provider signs tokens for other applications too, so say which audience this gateway's tokens are for.");
        }

        foreach (var algorithm in options.Algorithms)
        {
            if (!AuthServiceExtensions.KnownAlgorithms.Contains(algorithm))
            {
                failures.Add($"{Section}:Algorithms has '{algorithm}'; use some of {string.Join(", ", AuthServiceExtensions.KnownAlgorithms)}.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim) || string.IsNullOrWhiteSpace(options.OperatorRole))
        {
            failures.Add($"{Section}:RoleClaim and {Section}:OperatorRole must not be empty.");
        }

        if (options.TicketLifetime < TimeSpan.FromSeconds(1) || options.TicketLifetime > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:TicketLifetime must be from 00:00:01 to 00:10:00 (was {options.TicketLifetime}).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:ClockSkew must be from 0 to 10 minutes (was {options.ClockSkew}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
