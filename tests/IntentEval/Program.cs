using Conversations.IntentEval;

// dotnet run --project tests/IntentEval                   the shipped classifier on the training set, test split and fresh set
// dotnet run --project tests/IntentEval -- FILE.csv       any labelled file of the same shape
// dotnet run --project tests/IntentEval -- --train        retrains the intent model (Grains/Intents/intent-model.json)
// dotnet run --project tests/IntentEval -- --compare      classifier variants by cross-validation on the training set
// dotnet run --project tests/IntentEval -- --journeys     plays the scripted journeys (tests/data/journeys.txt) through the engine
// dotnet run --project tests/IntentEval -- --journeys --domain support-desk
//                                                         the journeys of another shipped pack (tests/data/journeys-NAME.txt)
// dotnet run --project tests/IntentEval -- --knowledge    knowledge search quality over tests/data/knowledge-queries.csv
// dotnet run --project tests/IntentEval -- --relabel      rewrites next_state in the labelled files under the current rules
return args switch
{
    ["--train"] => TrainCommand.Run(Console.Out),
    ["--compare"] => CompareCommand.Run(Console.Out),
    ["--relabel"] => RelabelCommand.Run(Console.Out),
    ["--journeys"] => await JourneysCommand.RunAsync(Console.Out, quiet: false),
    ["--journeys", "--quiet"] => await JourneysCommand.RunAsync(Console.Out, quiet: true),
    ["--journeys", "--domain", var domain] => await JourneysCommand.RunAsync(Console.Out, quiet: false, domain),
    ["--journeys", "--domain", var domain, "--quiet"] => await JourneysCommand.RunAsync(Console.Out, quiet: true, domain),
    ["--knowledge"] => await KnowledgeCommand.RunAsync(Console.Out),
    [var path] when !path.StartsWith("--", StringComparison.Ordinal) => EvaluateCommand.Run(Console.Out, path),
    [] => EvaluateCommand.Run(Console.Out, null),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: IntentEval [FILE.csv | --train | --compare | --journeys [--domain NAME] [--quiet] | --knowledge | --relabel]");
    return 2;
}
