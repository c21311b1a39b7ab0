using System.Globalization;
using System.Text.Json;
using Conversations.Gateway.Auth;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>What the support desk's REST handlers share: its JSON answers, our error shape, and reading bodies and query parameters.</summary>
internal static class SupportDeskHttp
{
    /// <summary>A JSON object, written member by member.</summary>
    public static IResult Json<TState>(TState state, Action<Utf8JsonWriter, TState> write, int status = StatusCodes.Status200OK) =>
        Results.Text(DialectJson.Object(state, write), "application/json", status);

    /// <summary>400 <c>INVALID_MESSAGE</c>.</summary>
    public static IResult Invalid(string message) => Refuse(StatusCodes.Status400BadRequest, ErrorCodes.InvalidMessage, message);

    /// <summary>404 <c>NOT_FOUND</c>.</summary>
    public static IResult NotFound(string message) => Refuse(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);

    /// <summary>Our error body with <paramref name="status"/>.</summary>
    public static IResult Refuse(int status, string code, string message) => new HttpRefusal(status, code, message).ToResult();

    /// <summary>The support desk's agent for one of our personas.</summary>
    public static string Agent(Persona persona) => persona switch
    {
        Persona.TechSupport => "tech_support",
        Persona.Billing => "billing",
        _ => "general",
    };

    /// <summary>
    /// The request's JSON object, at most <paramref name="maxBytes"/> long; or the refusal (415 not JSON, 413 too
    /// large, 400 not an object). The caller disposes the document.
    /// </summary>
    public static async Task<(JsonDocument? Body, IResult? Refusal)> ReadObjectAsync(HttpContext http, int maxBytes, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, Refuse(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.InvalidMessage, "Send a JSON body with Content-Type: application/json."));
        }

        var tooLarge = Refuse(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageTooLarge, $"The body is over {maxBytes} bytes.");
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }

        JsonDocument body;
        try
        {
            using var read = new MemoryStream();
            await http.Request.Body.CopyToAsync(read, cancellationToken);
            if (read.Length > maxBytes)
            {
                return (null, tooLarge);
            }

            body = JsonDocument.Parse(read.ToArray());
        }
        catch (JsonException)
        {
            return (null, Invalid("The body is not JSON."));
        }

        if (body.RootElement.ValueKind != JsonValueKind.Object)
        {
            body.Dispose();
            return (null, Invalid("The body must be a JSON object."));
        }

        return (body, null);
    }

    /// <summary>
    /// Reads an optional whole-number member: absent or <see langword="null"/> gives <see langword="null"/>; a
    /// number out of <paramref name="min"/>..<paramref name="max"/>, or anything that is not a whole number, is bad.
    /// </summary>
    public static bool TryReadInt(JsonElement body, string name, int min, int max, out int? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (member.ValueKind == JsonValueKind.Number && member.TryGetInt32(out var number) && number >= min && number <= max)
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>Reads a query parameter that must be a whole number in range when given.</summary>
    public static bool TryReadQueryInt(HttpContext http, string name, int min, int max, int fallback, out int value)
    {
        value = fallback;
        return !http.Request.Query.TryGetValue(name, out var raw)
            || (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    /// <summary>The query parameter, or <see langword="null"/> when absent or empty.</summary>
    public static string? Query(HttpContext http, string name) =>
        http.Request.Query.TryGetValue(name, out var raw) && !string.IsNullOrEmpty(raw) ? raw.ToString() : null;

    /// <summary>Writes a time as ISO 8601 UTC, or <see langword="null"/>.</summary>
    public static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            w.WriteString(name, value.UtcDateTime);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes a number, or <see langword="null"/> when there is none to average.</summary>
    public static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, Math.Round(number, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
