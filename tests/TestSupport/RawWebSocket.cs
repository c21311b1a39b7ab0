using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Conversations.Tests.Support;

/// <summary>
/// A WebSocket client written by hand on a plain TCP socket, for clients that misbehave: ones that never
/// read, or that send frames no well-behaved library would (unmasked, fragmented oddly, invalid UTF-8).
/// </summary>
public sealed class RawWebSocket : IDisposable
{
    /// <summary>WebSocket opcodes.</summary>
    public const byte Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA;

    private readonly Socket _socket;
    private readonly List<byte> _pending = [];

    private RawWebSocket(Socket socket, byte[] leftover)
    {
        _socket = socket;
        _pending.AddRange(leftover);
    }

    /// <summary>The underlying socket.</summary>
    public Socket Socket => _socket;

    /// <summary>Opens a TCP connection and upgrades it; <paramref name="receiveBufferSize"/> shrinks the kernel's receive buffer.</summary>
    public static async Task<RawWebSocket> ConnectAsync(Uri httpUri, string pathAndQuery, int? receiveBufferSize = null, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is { } size)
        {
            // Set before connecting, so that the window the peer sees is small from the start.
            socket.ReceiveBufferSize = size;
        }

        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, httpUri.Port, cancellationToken);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: {httpUri.Authority}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cancellationToken);

            var received = new List<byte>();
            var buffer = new byte[1024];
            int end;
            while ((end = IndexOfHeaderEnd(received)) < 0)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    throw new IOException("The server closed the connection during the upgrade.");
                }

                received.AddRange(buffer.AsSpan(0, read));
            }

            var head = Encoding.ASCII.GetString(received.GetRange(0, end).ToArray());
            if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            {
                throw new IOException($"The upgrade was refused: {head.Split('\r')[0]}");
            }

            return new RawWebSocket(socket, received.Skip(end + 4).ToArray());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one frame, masked unless <paramref name="masked"/> is false (which the protocol forbids for clients).</summary>
    public async Task SendFrameAsync(byte opcode, ReadOnlyMemory<byte> payload, bool fin = true, bool masked = true, CancellationToken cancellationToken = default)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        var maskBit = masked ? (byte)0x80 : (byte)0;
        if (payload.Length < 126)
        {
            header.Add((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header.Add((byte)(maskBit | 126));
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)payload.Length);
            header.AddRange(length);
        }
        else
        {
            header.Add((byte)(maskBit | 127));
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            header.AddRange(length);
        }

        var body = payload.ToArray();
        if (masked)
        {
            var mask = RandomNumberGenerator.GetBytes(4);
            header.AddRange(mask);
            for (var i = 0; i < body.Length; i++)
            {
                body[i] ^= mask[i % 4];
            }
        }

        await SendRawAsync(header.Concat(body).ToArray(), cancellationToken);
    }

    /// <summary>Sends one text frame.</summary>
    public Task SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendFrameAsync(Text, Encoding.UTF8.GetBytes(text), cancellationToken: cancellationToken);

    /// <summary>Sends bytes as they are.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Reads the next server frame; null when the connection ended.</summary>
    public async Task<(byte Opcode, byte[] Payload)?> ReceiveFrameAsync(CancellationToken cancellationToken = default)
    {
        if (!await FillAsync(2, cancellationToken))
        {
            return null;
        }

        var opcode = (byte)(_pending[0] & 0x0F);
        long length = _pending[1] & 0x7F;
        var headerLength = 2;
        if (length == 126)
        {
            if (!await FillAsync(4, cancellationToken))
            {
                return null;
            }

            length = (_pending[2] << 8) | _pending[3];
            headerLength = 4;
        }
        else if (length == 127)
        {
            if (!await FillAsync(10, cancellationToken))
            {
                return null;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(_pending.GetRange(2, 8).ToArray());
            headerLength = 10;
        }

        if (!await FillAsync(headerLength + (int)length, cancellationToken))
        {
            return null;
        }

        var payload = _pending.GetRange(headerLength, (int)length).ToArray();
        _pending.RemoveRange(0, headerLength + (int)length);
        return (opcode, payload);
    }

    public void Dispose() => _socket.Dispose();

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 3; i < bytes.Count; i++)
        {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n')
            {
                return i - 3;
            }
        }

        return -1;
    }

    // Reads until at least <count> bytes are pending; false when the connection ends first.
    private async Task<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (_pending.Count < count)
        {
            int read;
            try
            {
                read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            catch (SocketException)
            {
                return false;
            }

            if (read == 0)
            {
                return false;
            }

            _pending.AddRange(buffer.AsSpan(0, read));
        }

        return true;
    }
}
