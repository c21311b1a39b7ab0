using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Conversations.Deploy.Tests.Rendering;

/// <summary>YAML documents as JSON nodes, which are easy to walk and merge. Every scalar becomes a string.</summary>
internal static class Yaml
{
    public static IReadOnlyList<JsonObject> ReadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static IReadOnlyList<JsonObject> ReadText(string yaml)
    {
        using var reader = new StringReader(yaml);
        return Read(reader);
    }

    private static List<JsonObject> Read(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents
            .Select(document => ToJson(document.RootNode))
            .OfType<JsonObject>()
            .ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Value: var value } scalar => value is null ? null : JsonValue.Create(Plain(scalar) ?? value),
        _ => throw new NotSupportedException($"Unexpected YAML node {node.NodeType} at {node.Start}"),
    };

    // Kubernetes reads YAML 1.1, where a plain 0440 is an octal number (file modes): written as kubectl writes it.
    private static string? Plain(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is { Length: > 1 } value && value[0] == '0' && value.All(c => c is >= '0' and <= '7')
            ? Convert.ToInt32(value, 8).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
