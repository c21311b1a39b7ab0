using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Conversations.Deploy.Tests.Rendering;

/// <summary>YAML documents as JSON nodes, which are easy to walk and merge. Every scalar becomes a string.</summary>
internal static class Yaml
{
    public static IReadOnlyList<JsonObject> ReadDocuments(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

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
        YamlScalarNode { Value: var value } => value is null ? null : JsonValue.Create(value),
        _ => throw new NotSupportedException($"Unexpected YAML node {node.NodeType} at {node.Start}"),
    };
}
