using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Domain;

public sealed partial class DomainPackSource
{
    [LoggerMessage(EventId = 1451, Level = LogLevel.Information, Message = "Domain pack {Pack} loaded from {Origin}")]
    private partial void LogLoaded(string pack, string origin);

    [LoggerMessage(EventId = 1452, Level = LogLevel.Information, Message = "Domain pack {Pack} reloaded from {Origin}; the next turns use it")]
    private partial void LogReloaded(string pack, string origin);

    [LoggerMessage(EventId = 1453, Level = LogLevel.Warning, Message = "A new version of the domain pack was refused, pack {Pack} stays in use: {Error}")]
    private partial void LogRefused(string pack, string error);
}
