using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Operator;

/// <summary><c>GET /api/v1/operator/queue</c>: the handed-off conversations, oldest hand-off first.</summary>
/// <param name="Conversations">The queue.</param>
/// <param name="Waiting">How many no operator holds.</param>
/// <param name="Held">How many an operator holds.</param>
public sealed record OperatorQueue(IReadOnlyList<HandoffEntry> Conversations, int Waiting, int Held);
