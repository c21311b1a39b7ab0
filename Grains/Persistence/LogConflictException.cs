namespace Conversations.Grains.Persistence;

/// <summary>
/// A conversation's log already holds the record being written, or a later one: another activation of the
/// conversation wrote meanwhile. The writer must stop and let a fresh activation read what is stored.
/// </summary>
public sealed class LogConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LogConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LogConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LogConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
