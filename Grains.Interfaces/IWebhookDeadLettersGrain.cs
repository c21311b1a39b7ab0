using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces;

/// <summary>
/// The webhook events that could not be delivered after every attempt, for operators to look at and send
/// again. One grain, key <see cref="Key"/>; it reads the dead-letter store of the silo it runs on.
/// </summary>
public interface IWebhookDeadLettersGrain : IGrainWithStringKey
{
    /// <summary>The key of the one grain.</summary>
    public const string Key = "all";

    /// <summary>The latest dead letters, newest first.</summary>
    /// <param name="limit">The most to return (1 to 500).</param>
    Task<IReadOnlyList<WebhookDeadLetter>> ListAsync(int limit);

    /// <summary>
    /// Takes a dead letter out of the store and queues its event for delivery again, with the same event id and
    /// body, to the endpoint of the same name (with that endpoint's current URL and secret). A delivery that
    /// fails again makes a new dead letter.
    /// </summary>
    /// <param name="id">The dead letter's id.</param>
    Task<RedeliveryResult> RedeliverAsync(long id);
}
