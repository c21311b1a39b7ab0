using System.Numerics.Tensors;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Conversations.Grains.Intelligence.Embeddings;

/// <summary>
/// Sentence embeddings computed in process: a BERT WordPiece tokenizer, the embedding model run by ONNX Runtime
/// on one thread with its weights quantized to int8, mean pooling and unit length. Thread-safe. Load it once per
/// process through <see cref="EmbeddingModel.Shared"/>: loading takes about a second and some 100 MB.
/// </summary>
/// <remarks>
/// The embeddings of recent short texts are kept (<see cref="CacheEntries"/>): one turn embeds its message twice,
/// to classify it and to search the knowledge base, and short messages ("yes", "how much?") recur across
/// conversations. A run of the model costs about a millisecond of CPU; a kept embedding, a copy.
/// </remarks>
public sealed class SentenceEmbedder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly bool _takesTokenTypes;
    private readonly MemoryCache _recent = new(new MemoryCacheOptions { SizeLimit = CacheEntries, TrackStatistics = true });
    private readonly MemoryCacheEntryOptions _entry = new() { Size = 1 };

    internal SentenceEmbedder(InferenceSession session, BertTokenizer tokenizer, string modelName, TimeSpan loadTime)
    {
        _session = session;
        _tokenizer = tokenizer;
        _takesTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        ModelName = modelName;
        LoadTime = loadTime;
    }

    /// <summary>The length of every embedding.</summary>
    public const int Dimensions = 384;

    /// <summary>The most word pieces of a text that are read; the rest is cut off. Messages are short; 128 keeps any text fast.</summary>
    public const int MaxTokens = 128;

    /// <summary>How many embeddings of recent texts are kept (about 1.6 KB each).</summary>
    public const int CacheEntries = 1024;

    /// <summary>The longest text whose embedding is kept: longer messages seldom recur.</summary>
    public const int CachedTextLength = 200;

    /// <summary>The model's name, as its package calls it.</summary>
    public string ModelName { get; }

    /// <summary>How long loading the model took.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>How often a kept embedding answered, and how often the model ran for a text short enough to keep.</summary>
    public (long Hits, long Misses) CacheCounts
    {
        get
        {
            var statistics = _recent.GetCurrentStatistics();
            return (statistics?.TotalHits ?? 0, statistics?.TotalMisses ?? 0);
        }
    }

    /// <summary>The embedding of <paramref name="text"/>: <see cref="Dimensions"/> numbers of unit length, the caller's own copy.</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > CachedTextLength)
        {
            return Compute(text);
        }

        if (!_recent.TryGetValue(text, out float[]? embedding) || embedding is null)
        {
            embedding = Compute(text);
            _recent.Set(text, embedding, _entry);
        }

        return (float[])embedding.Clone();
    }

    private float[] Compute(string text)
    {
        var ids = _tokenizer.EncodeToIds(text);
        var count = Math.Min(ids.Count, MaxTokens);
        var inputIds = new long[count];
        var mask = new long[count];
        for (var i = 0; i < count; i++)
        {
            inputIds[i] = ids[i];
            mask[i] = 1;
        }

        // A text cut short still ends with the separator the model was trained with.
        if (count < ids.Count)
        {
            inputIds[count - 1] = ids[^1];
        }

        long[] shape = [1, count];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[count], shape);
        var inputs = new Dictionary<string, OrtValue>(StringComparer.Ordinal)
        {
            ["input_ids"] = idsValue,
            ["attention_mask"] = maskValue,
        };
        if (_takesTokenTypes)
        {
            inputs["token_type_ids"] = typesValue;
        }

        using var options = new RunOptions();
        using var outputs = _session.Run(options, inputs, [EmbeddingModel.TokenOutput]);
        var tokens = outputs[0].GetTensorDataAsSpan<float>();
        var embedding = new float[Dimensions];
        for (var t = 0; t < count; t++)
        {
            TensorPrimitives.Add(embedding, tokens.Slice(t * Dimensions, Dimensions), embedding);
        }

        var norm = TensorPrimitives.Norm(embedding);
        if (norm > 0)
        {
            TensorPrimitives.Divide(embedding, norm, embedding);
        }

        return embedding;
    }

    /// <summary>The cosine similarity of two embeddings of unit length.</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    /// <inheritdoc />
    public void Dispose()
    {
        _recent.Dispose();
        _session.Dispose();
    }
}
