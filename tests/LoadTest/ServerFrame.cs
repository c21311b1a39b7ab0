using System.Text.Json;

namespace Conversations.LoadTest;

/// <summary>The fields of a server frame that the load tool checks, read without building a document.</summary>
/// <param name="Type">The frame's <c>type</c>.</param>
/// <param name="Seq">Its <c>seq</c>, for log frames.</param>
/// <param name="Turn">Its <c>turn</c>, when it has one.</param>
/// <param name="Content">The <c>content</c> of a <c>system</c> frame.</param>
/// <param name="ErrorCode">The <c>error_code</c> of an <c>error</c> frame.</param>
/// <param name="MetadataLastSeq"><c>metadata.last_seq</c> of <c>conversation_resumed</c> and <c>resync_required</c>.</param>
/// <param name="RetrySuggested">The <c>retry_suggested</c> of an <c>error</c> frame.</param>
/// <param name="Id">The client message id of an <c>ack</c>, to name it in a violation.</param>
public readonly record struct ServerFrame(string Type, long? Seq, int? Turn, string? Content, string? ErrorCode, long? MetadataLastSeq, bool RetrySuggested = false, string? Id = null)
{
    /// <summary>Reads one UTF-8 JSON server frame; throws <see cref="JsonException"/> when it is not one.</summary>
    public static ServerFrame Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A server frame must be a JSON object.");
        }

        string? type = null, content = null, errorCode = null, id = null;
        long? seq = null, metadataLastSeq = null;
        int? turn = null;
        var retrySuggested = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetString();
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                seq = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("turn"u8))
            {
                reader.Read();
                turn = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("error_code"u8))
            {
                reader.Read();
                errorCode = reader.GetString();
            }
            else if (reader.ValueTextEquals("retry_suggested"u8))
            {
                reader.Read();
                retrySuggested = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("content"u8) && type == "system")
            {
                reader.Read();
                content = reader.GetString();
            }
            else if (reader.ValueTextEquals("metadata"u8) && type == "system")
            {
                reader.Read();
                metadataLastSeq = ReadLastSeq(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ServerFrame(type ?? throw new JsonException("A server frame has no type."), seq, turn, content, errorCode, metadataLastSeq, retrySuggested, id);
    }

    private static long? ReadLastSeq(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? lastSeq = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isLastSeq = reader.ValueTextEquals("last_seq"u8);
            reader.Read();
            if (isLastSeq && reader.TokenType == JsonTokenType.Number)
            {
                lastSeq = reader.GetInt64();
            }
            else
            {
                reader.Skip();
            }
        }

        return lastSeq;
    }
}
