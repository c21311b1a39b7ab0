using Microsoft.Extensions.Options;

namespace Conversations.Grains.Conversation;

/// <summary>Checks <see cref="ConversationOptions"/> at start-up, naming the key to fix.</summary>
public sealed class ConversationOptionsValidator : IValidateOptions<ConversationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConversationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string Section = ConversationOptions.SectionName;
        if (options.ReplayWindowTurns < 1)
        {
            failures.Add($"{Section}:ReplayWindowTurns must be at least 1 (was {options.ReplayWindowTurns}).");
        }

        if (options.ReplayWindowFrames < 10)
        {
            failures.Add($"{Section}:ReplayWindowFrames must be at least 10 (was {options.ReplayWindowFrames}).");
        }

        if (options.RecentTurns < 1)
        {
            failures.Add($"{Section}:RecentTurns must be at least 1 (was {options.RecentTurns}).");
        }

        if (options.RememberedMessageIds < 1)
        {
            failures.Add($"{Section}:RememberedMessageIds must be at least 1 (was {options.RememberedMessageIds}).");
        }

        if (options.MaxPendingTurns < 1)
        {
            failures.Add($"{Section}:MaxPendingTurns must be at least 1 (was {options.MaxPendingTurns}).");
        }
        else if (options.RememberedMessageIds < options.MaxPendingTurns)
        {
            failures.Add($"{Section}:RememberedMessageIds ({options.RememberedMessageIds}) must be at least {Section}:MaxPendingTurns ({options.MaxPendingTurns}), so that a waiting turn's message is recognised when it is sent again.");
        }

        if (options.MaxTurnAttempts is < 1 or > 100)
        {
            failures.Add($"{Section}:MaxTurnAttempts must be between 1 and 100 (was {options.MaxTurnAttempts}).");
        }

        if (options.SnapshotEveryTurns < 1)
        {
            failures.Add($"{Section}:SnapshotEveryTurns must be at least 1 (was {options.SnapshotEveryTurns}).");
        }

        if (options.DeltaWriteInterval < TimeSpan.Zero || options.DeltaWriteInterval > TimeSpan.FromSeconds(2))
        {
            failures.Add($"{Section}:DeltaWriteInterval must be between 0 and 2 seconds (was {options.DeltaWriteInterval}).");
        }

        if (options.MaxReplyChars is < 20 or > 100_000)
        {
            failures.Add($"{Section}:MaxReplyChars must be between 20 and 100000 (was {options.MaxReplyChars}).");
        }

        if (options.RememberedFeedback < 1)
        {
            failures.Add($"{Section}:RememberedFeedback must be at least 1 (was {options.RememberedFeedback}).");
        }

        if (options.StateHistoryLimit < 1)
        {
            failures.Add($"{Section}:StateHistoryLimit must be at least 1 (was {options.StateHistoryLimit}).");
        }

        if (options.Retention < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:Retention must be at least 00:00:01 (was {options.Retention}).");
        }

        if (options.RetentionCheckInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:RetentionCheckInterval must be at least 00:00:01 (was {options.RetentionCheckInterval}).");
        }

        if (!Enum.IsDefined(options.DoubleTexting))
        {
            failures.Add($"{Section}:DoubleTexting must be Enqueue, Reject or Interrupt.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
