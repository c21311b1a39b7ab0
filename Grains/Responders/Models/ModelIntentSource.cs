using System.Text.Json;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Responders.Models;

/// <summary>
/// Asks the model for the intent with structured output (a JSON schema listing the known intents), under
/// <see cref="ModelOptions.IntentTimeout"/>. When the model cannot say (an error, a missed deadline, an
/// answer outside the schema, an open circuit), the local classifier decides. Either way the state
/// machine's table still decides the transition.
/// </summary>
public sealed partial class ModelIntentSource(
    IChatClient client,
    IntentClassifier local,
    CircuitBreaker breaker,
    IOptionsMonitor<ModelOptions> options,
    TimeProvider timeProvider,
    ILogger<ModelIntentSource> logger) : IIntentSource
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        $$"""
        {
          "type": "object",
          "properties": {
            "intent": { "type": "string", "enum": [{{string.Join(", ", IntentNames.All.Select(n => $"\"{n}\""))}}] },
            "confidence": { "type": "number" }
          },
          "required": ["intent", "confidence"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    private static readonly string Instructions =
        "Classify the user's message in a sales and support conversation. Answer with the intent, one of: "
        + string.Join(", ", IntentNames.All)
        + ", and your confidence from 0 to 1.";

    /// <inheritdoc />
    public async ValueTask<Intent> ClassifyAsync(string message, ConversationState state, CancellationToken cancellationToken)
    {
        var fallback = local.Classify(message);
        if (!breaker.AllowsCalls)
        {
            return fallback;
        }

        using var deadline = new CancellationTokenSource(options.CurrentValue.IntentTimeout, timeProvider);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var chatOptions = new ChatOptions
            {
                ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "intent", "The intent of the user's message."),
                Temperature = 0,
                MaxOutputTokens = 40,
            };
            ChatMessage[] messages =
            [
                new(ChatRole.System, $"{Instructions} The conversation is in the stage '{state.ToWireName()}'."),
                new(ChatRole.User, message),
            ];
            var response = await client.GetResponseAsync(messages, chatOptions, call.Token);
            if (Parse(response.Text) is { } intent)
            {
                return intent;
            }

            LogUnusableAnswer();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var deadlinePassed = deadline.IsCancellationRequested;
            LogModelCouldNotClassify(deadlinePassed);
            LogClassificationFailure(exception);
        }
        catch (OperationCanceledException)
        {
            // The turn was stopped: its reply will be empty and marked cancelled; the local verdict will do.
        }

        return fallback;
    }

    private static Intent? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("intent", out var name) && name.ValueKind == JsonValueKind.String
                && IntentNames.All.Contains(name.GetString())
                && root.TryGetProperty("confidence", out var confidence) && confidence.TryGetDouble(out var value)
                && double.IsFinite(value))
            {
                return new Intent(name.GetString()!, Math.Clamp(value, 0, 1));
            }
        }
        catch (JsonException)
        {
            // Not JSON: unusable, like any answer outside the schema.
        }

        return null;
    }

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "The model could not classify a message (deadline passed: {DeadlinePassed}); the local classifier decided")]
    private partial void LogModelCouldNotClassify(bool deadlinePassed);

    // The exception's text may quote the server's answer, so it is only logged at Debug.
    [LoggerMessage(EventId = 1113, Level = LogLevel.Debug, Message = "Model intent classification failure details")]
    private partial void LogClassificationFailure(Exception exception);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "The model's intent answer did not fit the schema; the local classifier decided")]
    private partial void LogUnusableAnswer();
}
