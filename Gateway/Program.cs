using Conversations.Gateway.Hosting;

await GatewayApp.Build(args).RunAsync();
