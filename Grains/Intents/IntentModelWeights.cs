namespace Conversations.Grains.Intents;

/// <summary>
/// A trained intent model as stored in <c>intent-model.json</c>: multinomial logistic regression over
/// <see cref="IntentFeatures"/>, with a temperature that calibrates its probabilities.
/// </summary>
/// <param name="EmbeddingModel">The embedding model the weights were trained on.</param>
/// <param name="Intents">The classes, in the order of the rows of <paramref name="Weights"/>.</param>
/// <param name="Weights">One row of feature weights per intent.</param>
/// <param name="Bias">One bias per intent.</param>
/// <param name="Temperature">Logits are divided by it before the softmax; fitted on held-back folds of the training set.</param>
/// <param name="TrainingSet">The SHA-256 of the training file the weights came from, in hex.</param>
/// <param name="TrainingMessages">How many messages trained it.</param>
/// <param name="L2">The regularisation used.</param>
public sealed record IntentModelWeights(
    string EmbeddingModel,
    IReadOnlyList<string> Intents,
    IReadOnlyList<float[]> Weights,
    float[] Bias,
    double Temperature,
    string TrainingSet,
    int TrainingMessages,
    double L2);
