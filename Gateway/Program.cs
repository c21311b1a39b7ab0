using Conversations.Gateway.Auth;
using Conversations.Gateway.Hosting;

// `token --user NAME` prints a token for a gateway with authentication on, and runs no gateway.
if (TokenCommand.Matches(args))
{
    return TokenCommand.Run(args, Console.Out, Console.Error);
}

await GatewayApp.Build(args).RunAsync();
return 0;
