using Conversations.IntentEval;

// dotnet run --project tests/IntentEval [path/to/labelled.csv]
var path = args.Length > 0 ? args[0] : LabelledSet.DefaultPath;
var result = IntentEvaluator.Evaluate(LabelledSet.Load(path));
Console.Write(ConfusionTable.Format(result));
return 0;
