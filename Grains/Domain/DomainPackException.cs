namespace Conversations.Grains.Domain;

/// <summary>A domain pack that cannot be read or does not check out; the message names the file and the field.</summary>
public sealed class DomainPackException : Exception
{
    /// <summary>An empty error.</summary>
    public DomainPackException()
    {
    }

    /// <summary>An error saying <paramref name="message"/>.</summary>
    public DomainPackException(string message)
        : base(message)
    {
    }

    /// <summary>An error saying <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public DomainPackException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
