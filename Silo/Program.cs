using Conversations.Silo.Hosting;

await SiloApp.Build(args).RunAsync();
