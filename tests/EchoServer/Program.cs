using Conversations.EchoServer;

// A bare Kestrel WebSocket server, the baseline the gateway is measured against: see docs/benchmarks.md.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5100");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
app.Map("/ws/conversation/{conversationId}", EchoEndpoint.HandleAsync);
app.MapGet("/metrics", MemoryEndpoint.Render);
app.Run();
