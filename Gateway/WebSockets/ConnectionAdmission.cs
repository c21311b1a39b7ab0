using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.WebSockets;

/// <summary>
/// Counts the sockets this gateway holds, in all and per user, and refuses one more past either limit
/// before the WebSocket upgrade. A user is known by the <c>user_id</c> the client gives; sockets without
/// one count only towards the total.
/// </summary>
internal sealed class ConnectionAdmission
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Takes a place for a socket, or says which limit refuses it: the HTTP status and why.</summary>
    public bool TryAdmit(string? userId, int maxTotal, int maxPerUser, out (int Status, string Message) refusal)
    {
        lock (_gate)
        {
            if (_total >= maxTotal)
            {
                refusal = (StatusCodes.Status503ServiceUnavailable, $"This gateway holds its maximum of {maxTotal} connections; connect to another node or retry shortly.");
                return false;
            }

            var forUser = userId is null ? 0 : _perUser.GetValueOrDefault(userId);
            if (userId is not null && forUser >= maxPerUser)
            {
                refusal = (StatusCodes.Status429TooManyRequests, $"User '{userId}' already has {maxPerUser} connections open, the most allowed; close one first.");
                return false;
            }

            _total++;
            if (userId is not null)
            {
                _perUser[userId] = forUser + 1;
            }

            refusal = default;
            return true;
        }
    }

    /// <summary>Gives back the place of a socket that closed (or was never accepted).</summary>
    public void Release(string? userId)
    {
        lock (_gate)
        {
            _total--;
            if (userId is not null && _perUser.TryGetValue(userId, out var count))
            {
                if (count <= 1)
                {
                    _perUser.Remove(userId);
                }
                else
                {
                    _perUser[userId] = count - 1;
                }
            }
        }
    }

    /// <summary>The error code of a refusal.</summary>
    public static string ErrorCode => ErrorCodes.TooManyConnections;
}
