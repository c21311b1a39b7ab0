using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Conversations.Grains.Intelligence.Embeddings;

/// <summary>
/// Rewrites an ONNX graph for fast inference on a CPU: every matrix product with a constant float weight becomes
/// ONNX Runtime's <c>DynamicQuantizeMatMul</c> over int8 weights with one scale per column (symmetric), and
/// outputs other than the word pieces' vectors are dropped with the nodes that only fed them (the pooler). On
/// all-MiniLM-L6-v2 this makes an embedding about 2.5 times faster; embeddings keep a cosine of about 0.99 with
/// the float model's.
/// </summary>
internal static class Int8Quantizer
{
    private const int FloatType = 1;
    private const int Int8Type = 3;
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>The quantized model, serialized, from the float model in <paramref name="onnx"/>.</summary>
    public static byte[] Quantize(Stream onnx)
    {
        var model = ModelProto.Parser.ParseFrom(onnx);
        var graph = model.Graph;
        KeepOnly(graph, EmbeddingModel.TokenOutput);
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var uses = graph.Node.SelectMany(n => n.Input).GroupBy(i => i, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        for (var index = 0; index < graph.Node.Count; index++)
        {
            var node = graph.Node[index];
            if (node.OpType != "MatMul" || node.Input.Count != 2
                || !initializers.TryGetValue(node.Input[1], out var weight)
                || weight.DataType != FloatType || weight.Dims.Count != 2 || weight.RawData.Length == 0
                || uses[weight.Name] != 1)
            {
                continue;
            }

            var (values, scales) = QuantizeColumns(weight);
            graph.Initializer.Remove(weight);
            graph.Initializer.Add(values);
            graph.Initializer.Add(scales);
            var quantized = new NodeProto { OpType = "DynamicQuantizeMatMul", Domain = MicrosoftDomain, Name = node.Name + "_int8" };
            quantized.Input.Add(node.Input[0]);
            quantized.Input.Add(values.Name);
            quantized.Input.Add(scales.Name);
            quantized.Output.Add(node.Output[0]);
            graph.Node[index] = quantized;
        }

        if (model.OpsetImport.All(o => o.Domain != MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return model.ToByteArray();
    }

    private static (TensorProto Values, TensorProto Scales) QuantizeColumns(TensorProto weight)
    {
        var rows = (int)weight.Dims[0];
        var columns = (int)weight.Dims[1];
        var floats = MemoryMarshal.Cast<byte, float>(weight.RawData.Span);
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(floats[(r * columns) + c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var values = new sbyte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = (sbyte)Math.Clamp(MathF.Round(floats[(r * columns) + c] / scales[c]), -127, 127);
            }
        }

        var valuesTensor = new TensorProto { Name = weight.Name + "_int8", DataType = Int8Type, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        valuesTensor.Dims.Add(rows);
        valuesTensor.Dims.Add(columns);
        var scalesTensor = new TensorProto { Name = weight.Name + "_scale", DataType = FloatType, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(scales.AsSpan())) };
        scalesTensor.Dims.Add(columns);
        return (valuesTensor, scalesTensor);
    }

    // Drops every output but one, and the nodes and constants nothing left depends on.
    private static void KeepOnly(GraphProto graph, string output)
    {
        foreach (var extra in graph.Output.Where(o => o.Name != output).ToArray())
        {
            graph.Output.Remove(extra);
        }

        var needed = new HashSet<string>(StringComparer.Ordinal) { output };
        var kept = new List<NodeProto>();
        foreach (var node in graph.Node.Reverse())
        {
            if (node.Output.Any(needed.Contains))
            {
                kept.Add(node);
                needed.UnionWith(node.Input);
            }
        }

        kept.Reverse();
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        foreach (var unused in graph.Initializer.Where(i => !needed.Contains(i.Name)).ToArray())
        {
            graph.Initializer.Remove(unused);
        }
    }
}
