using Conversations.IntentEval;

// dotnet run --project tests/IntentEval                   the shipped classifier on the training set, test split and fresh set
// dotnet run --project tests/IntentEval -- FILE.csv       any labelled file of the same shape
// dotnet run --project tests/IntentEval -- --train        retrains the intent model (Grains/Intents/intent-model.json)
// dotnet run --project tests/IntentEval -- --compare      classifier variants by cross-validation on the training set
return args switch
{
    ["--train"] => TrainCommand.Run(Console.Out),
    ["--compare"] => CompareCommand.Run(Console.Out),
    ["--relabel"] => RelabelCommand.Run(Console.Out),
    [var path] when !path.StartsWith("--", StringComparison.Ordinal) => EvaluateCommand.Run(Console.Out, path),
    [] => EvaluateCommand.Run(Console.Out, null),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: IntentEval [FILE.csv | --train | --compare]");
    return 2;
}
