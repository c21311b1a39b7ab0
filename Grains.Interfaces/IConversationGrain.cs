using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces;

/// <summary>
/// One conversation: its seven-state machine, its checkpoint and its log of frames.
/// The grain key is the conversation id. Output frames are published on the conversation's stream
/// (<see cref="ConversationStreams"/>) in <c>seq</c> order, each one durably stored before it is published.
/// </summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores a user turn, publishes its <c>ack</c> and queues the reply. A message whose id was already
    /// accepted returns the original ack and creates no turn.
    /// </summary>
    /// <param name="message">The user's message, already validated by the caller.</param>
    Task<SubmitResult> SubmitAsync(UserMessage message);

    /// <summary>
    /// Returns what a client that has seen every frame up to <paramref name="lastSeq"/> needs to catch up:
    /// the frames after it, or a snapshot when they are older than the replay window.
    /// </summary>
    /// <param name="lastSeq">The highest <c>seq</c> the client has processed; 0 for none.</param>
    Task<ResumeResult> ResumeAsync(long lastSeq);

    /// <summary>
    /// Stops the reply being generated, keeping its partial text marked as cancelled.
    /// </summary>
    /// <param name="turn">The turn to cancel, or <see langword="null"/> for whichever is running.</param>
    Task<CancelResult> CancelAsync(int? turn);

    /// <summary>
    /// Returns the conversation's checkpoint as a snapshot: state, recent turns and summary.
    /// </summary>
    Task<ConversationSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Ends a hand-over to a person (a <c>system/handoff</c> frame): the assistant answers again from the
    /// next user message, with frustration and failed attempts reset. Messages sent while a person had the
    /// conversation stay stored without a reply. When an operator held the conversation, a
    /// <c>system/handoff</c> frame with <c>metadata.event</c> = <c>operator_left</c> says so; otherwise no frame is sent.
    /// </summary>
    /// <returns><see langword="true"/> when the conversation was handed off; <see langword="false"/> when there was nothing to do.</returns>
    Task<bool> HandBackAsync();

    /// <summary>
    /// An operator takes a handed-off conversation over: a <c>system/handoff</c> frame with
    /// <c>metadata.event</c> = <c>operator_joined</c> tells the user who is there. Taking over again is harmless.
    /// </summary>
    /// <param name="by">The operator.</param>
    Task<OperatorResult> TakeOverAsync(OperatorIdentity by);

    /// <summary>
    /// The operator who holds the conversation answers the user: an <c>assistant_message</c> with
    /// <c>author</c> = <c>operator</c>, stored in the log like every frame.
    /// </summary>
    /// <param name="by">The operator; must be the one who took the conversation over.</param>
    /// <param name="content">What they write, already validated by the caller.</param>
    Task<OperatorResult> ReplyAsOperatorAsync(OperatorIdentity by, string content);

    /// <summary>
    /// An operator hands the conversation back to the assistant, as <see cref="HandBackAsync()"/> does; refused
    /// while another operator holds it.
    /// </summary>
    /// <param name="by">The operator.</param>
    Task<OperatorResult> HandBackAsync(OperatorIdentity by);

    /// <summary>
    /// Makes <paramref name="userId"/> the owner of a conversation that has none (creating the conversation
    /// when it does not exist yet) and says whether <paramref name="userId"/> owns it.
    /// </summary>
    /// <param name="userId">The authenticated user.</param>
    /// <returns><see langword="true"/> when the user owns the conversation (now or already).</returns>
    Task<bool> ClaimAsync(string userId);

    /// <summary>Returns the conversation's snapshot with its owner, state transitions and ratings.</summary>
    Task<ConversationDetails> GetDetailsAsync();

    /// <summary>
    /// Returns the completed turns after <paramref name="afterTurn"/>, at most <paramref name="limit"/> of them,
    /// from the whole stored transcript (not only the recent turns the checkpoint keeps).
    /// </summary>
    /// <param name="afterTurn">The last turn already read; 0 for the start.</param>
    /// <param name="limit">The most turns to return, 1 or more.</param>
    Task<TranscriptPage> GetTranscriptAsync(int afterTurn, int limit);

    /// <summary>Stores a rating of an answered turn, replacing any earlier one for the same turn.</summary>
    /// <param name="feedback">The rating; its time is replaced by the grain's clock.</param>
    Task<FeedbackOutcome> RateTurnAsync(TurnFeedback feedback);
}
