using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Settings;

/// <summary>The log lines of settings changed while the process runs.</summary>
internal static partial class SettingsLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Settings change to {Options} refused; the previous values stay in force: {Reason}")]
    public static partial void ChangeRefused(ILogger logger, string options, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Settings change to {Options} applied")]
    public static partial void ChangeApplied(ILogger logger, string options);
}
