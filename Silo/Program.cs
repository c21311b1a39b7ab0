using Conversations.Silo.Hosting;

if (args is ["migrate", .. var rest])
{
    return await SchemaCommand.MigrateAsync(rest);
}

await SiloApp.Build(args).RunAsync();
return 0;
