using System.IO.Compression;
using Conversations.Grains.Conversation;
using Orleans.Serialization;

namespace Conversations.Grains.Persistence;

/// <summary>
/// Encodes log records and snapshots for storage: Orleans' binary format (every stored type has an alias and an
/// id per member, so members can be added and types renamed), compressed with zlib when that makes it smaller.
/// The first byte says which: <c>0</c> plain, <c>1</c> zlib, for records in their first format (and every snapshot);
/// <c>2</c> plain, <c>3</c> zlib, for records in the second (<see cref="StoredRecordBody"/>). Both are read.
/// </summary>
public sealed class LogPayloadCodec(Serializer serializer)
{
    private const byte Plain = 0;
    private const byte Zlib = 1;
    private const byte RecordPlain = 2;
    private const byte RecordZlib = 3;

    // Below this, compression gains too little to pay for itself (a lone delta is about 150 bytes of JSON).
    private const int CompressFrom = 512;

    /// <summary>Encodes a record's frames and changes.</summary>
    public byte[] EncodeRecord(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var body = new StoredRecordBody([.. record.Frames], [.. record.Changes]);
        return Pack(serializer.SerializeToArray(body), RecordPlain, RecordZlib);
    }

    /// <summary>Decodes what <see cref="EncodeRecord"/> wrote, in either format.</summary>
    public StoredRecordPayload DecodeRecord(byte[] payload)
    {
        var encoded = Unpack(payload);
        if (payload[0] is Plain or Zlib)
        {
            return serializer.Deserialize<StoredRecordPayload>(encoded) ?? throw new InvalidDataException("A log record without a body.");
        }

        var body = serializer.Deserialize<StoredRecordBody>(encoded) ?? throw new InvalidDataException("A log record without a body.");
        return new StoredRecordPayload(body.Frames, body.Changes);
    }

    /// <summary>Encodes a checkpoint as a snapshot payload.</summary>
    public byte[] EncodeSnapshot(ConversationCheckpoint checkpoint) => Pack(serializer.SerializeToArray(checkpoint), Plain, Zlib);

    /// <summary>Decodes what <see cref="EncodeSnapshot"/> wrote.</summary>
    public ConversationCheckpoint DecodeSnapshot(byte[] payload) =>
        serializer.Deserialize<ConversationCheckpoint>(Unpack(payload)) ?? throw new InvalidDataException("A snapshot without a checkpoint.");

    private static byte[] Pack(byte[] encoded, byte plainMark, byte zlibMark)
    {
        if (encoded.Length >= CompressFrom)
        {
            using var compressed = new MemoryStream(encoded.Length / 2);
            compressed.WriteByte(zlibMark);
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(encoded);
            }

            if (compressed.Length < encoded.Length)
            {
                return compressed.ToArray();
            }
        }

        var plain = new byte[encoded.Length + 1];
        plain[0] = plainMark;
        encoded.CopyTo(plain, 1);
        return plain;
    }

    private static byte[] Unpack(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length == 0)
        {
            throw new InvalidDataException("An empty log payload.");
        }

        switch (payload[0])
        {
            case Plain or RecordPlain:
                return payload[1..];
            case Zlib or RecordZlib:
                using (var input = new MemoryStream(payload, 1, payload.Length - 1))
                using (var zlib = new ZLibStream(input, CompressionMode.Decompress))
                using (var output = new MemoryStream(payload.Length * 3))
                {
                    zlib.CopyTo(output);
                    return output.ToArray();
                }

            default:
                throw new InvalidDataException($"A log payload in an unknown format ({payload[0]}).");
        }
    }
}
