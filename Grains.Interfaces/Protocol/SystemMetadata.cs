using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces.Protocol;

/// <summary><c>system/processing</c>: the turn started.</summary>
/// <param name="Restarted">
/// <see langword="true"/> when the turn is generated again after a failure: deltas of this turn sent before
/// this frame are void.
/// </param>
public sealed record ProcessingMetadata(bool? Restarted = null);

/// <summary><c>system/processing_step</c>: a step of the turn.</summary>
/// <param name="Step">The step (<see cref="ProcessingSteps"/>).</param>
/// <param name="Progress">The step in human words.</param>
public sealed record ProcessingStepMetadata(string Step, string Progress);

/// <summary><c>system/state_changed</c>: the conversation moved to another state.</summary>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">Why, in words (the intent that drove it).</param>
public sealed record StateChangedMetadata(ConversationState From, ConversationState To, string Reason);

/// <summary>
/// <c>system/handoff</c>: the conversation was escalated to a human, or (<see cref="Event"/>) a person joined
/// or left it.
/// </summary>
/// <param name="Reason">Why the conversation was escalated (on every hand-off frame of it).</param>
/// <param name="Likelihood">The escalation likelihood from 0 to 1.</param>
/// <param name="Factors">What the likelihood is made of.</param>
/// <param name="Frustration">The user's frustration, from 0 to 10.</param>
/// <param name="Event">What happened (<see cref="HandoffEvents"/>): <c>escalated</c>, <c>operator_joined</c> or <c>operator_left</c>.</param>
/// <param name="OperatorId">The operator who joined or left.</param>
/// <param name="OperatorName">Their name, as the user sees it.</param>
public sealed record HandoffMetadata(
    string Reason,
    double Likelihood,
    IReadOnlyList<EscalationFactor>? Factors = null,
    int? Frustration = null,
    string? Event = null,
    string? OperatorId = null,
    string? OperatorName = null);

/// <summary><c>system/conversation_resumed</c>: the first frame on connecting to a conversation with turns.</summary>
/// <param name="ConversationSummary">A short summary of the conversation.</param>
/// <param name="MessageCount">User turns plus completed replies.</param>
/// <param name="State">The current state.</param>
/// <param name="LastSeq">The newest frame in the log.</param>
public sealed record ConversationResumedMetadata(
    string ConversationSummary,
    int MessageCount,
    ConversationState State,
    long LastSeq);

/// <summary><c>system/resync_required</c>: the frames asked for are no longer in the replay window.</summary>
/// <param name="Snapshot">The conversation as it stands.</param>
/// <param name="LastSeq">The <c>seq</c> the snapshot is current to: continue from here.</param>
/// <param name="Reason">Why a replay was not possible.</param>
public sealed record ResyncRequiredMetadata(ConversationSnapshot Snapshot, long LastSeq, string Reason);

/// <summary><c>system/reconnect</c>: reconnect (any node will do).</summary>
/// <param name="Reason">Why, for a person.</param>
/// <param name="Cause">Why, for a program: one of <see cref="ReconnectCauses"/>. <c>token_expired</c> asks for a fresh token first.</param>
public sealed record ReconnectMetadata(string Reason, string Cause);
