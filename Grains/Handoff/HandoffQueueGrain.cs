using Conversations.Grains.Conversation;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Handoff;

/// <summary>The operators' queue of handed-off conversations and the daily counts of what they did with them.</summary>
public sealed class HandoffQueueGrain(
    [PersistentState(HandoffQueueGrain.StateName, ConversationStorage.ProviderName)]
    IPersistentState<HandoffQueueState> queue,
    TimeProvider time) : Grain, IHandoffQueueGrain
{
    /// <summary>The name of the queue within the grain's storage.</summary>
    public const string StateName = "handoff-queue";

    /// <inheritdoc />
    public async Task HandedOffAsync(HandoffEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // An operator may have taken the conversation over while this notice was on its way.
        if (queue.State.Entries.TryGetValue(entry.ConversationId, out var known) && known.TakenAt >= entry.Since)
        {
            entry = entry with { TakenBy = known.TakenBy, TakenAt = known.TakenAt };
        }

        queue.State.Entries[entry.ConversationId] = entry;
        Count(entry.Since).HandedOff++;
        await queue.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task UserMessageAsync(string conversationId, string content, DateTimeOffset at)
    {
        if (queue.State.Entries.TryGetValue(conversationId, out var entry))
        {
            queue.State.Entries[conversationId] = entry with { LastUserMessage = content, LastUserMessageAt = at };
            await queue.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task TakenAsync(string conversationId, OperatorIdentity by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        // Before the hand-off's own notice (still on its way), the entry is made now and completed by it.
        queue.State.Entries[conversationId] = queue.State.Entries.TryGetValue(conversationId, out var entry)
            ? entry with { TakenBy = by, TakenAt = at }
            : new HandoffEntry(conversationId, "handed_off", at, null, null, by, at);
        Count(at).Taken++;
        await queue.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task OperatorRepliedAsync(string conversationId, DateTimeOffset at)
    {
        Count(at).OperatorReplies++;
        await queue.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task HandedBackAsync(string conversationId, DateTimeOffset at)
    {
        queue.State.Entries.Remove(conversationId);
        Count(at).HandedBack++;
        await queue.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task EnsureListedAsync(HandoffEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (queue.State.Entries.TryAdd(entry.ConversationId, entry))
        {
            await queue.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string conversationId)
    {
        if (queue.State.Entries.Remove(conversationId))
        {
            await queue.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HandoffEntry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<HandoffEntry>>(queue.State.Entries.Values
            .OrderBy(e => e.Since)
            .ThenBy(e => e.ConversationId, StringComparer.Ordinal)
            .ToArray());

    /// <inheritdoc />
    public Task<HandoffTally> TallyAsync(int days)
    {
        days = Math.Clamp(days, 1, IHandoffQueueGrain.MaxDays);
        var from = Today() - days + 1;
        var window = queue.State.Days.Where(d => d.Day >= from).ToList();
        var held = queue.State.Entries.Values.Count(e => e.TakenBy is not null);
        return Task.FromResult(new HandoffTally(
            days,
            window.Sum(d => d.HandedOff),
            window.Sum(d => d.Taken),
            window.Sum(d => d.OperatorReplies),
            window.Sum(d => d.HandedBack),
            queue.State.Entries.Count - held,
            held));
    }

    private int Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).DayNumber;

    // The day's counter, made when it is the first event of the day; days past the window are dropped.
    private HandoffDay Count(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime).DayNumber;
        var days = queue.State.Days;
        var found = days.Find(d => d.Day == day);
        if (found is null)
        {
            found = new HandoffDay { Day = day };
            days.Add(found);
            days.Sort((a, b) => a.Day.CompareTo(b.Day));
            days.RemoveAll(d => d.Day <= day - IHandoffQueueGrain.MaxDays);
        }

        return found;
    }
}
