using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Auth;

/// <summary>Says at start-up whether requests need a token, loudly when they do not.</summary>
internal sealed partial class AuthBanner(IOptions<AuthOptions> options, ILogger<AuthBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        if (auth.Enabled == true)
        {
            LogOn(string.IsNullOrEmpty(auth.Authority) ? "a signing key" : auth.Authority);
        }
        else
        {
            LogOff();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Authentication is on: JWT bearer tokens checked against {KeySource}; a token's sub is the user")]
    private partial void LogOn(string keySource);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "AUTHENTICATION IS OFF: anyone who reaches this gateway can read and write every conversation. Set Auth:SigningKey or Auth:Authority (and Auth:Enabled=true) before exposing it.")]
    private partial void LogOff();
}
