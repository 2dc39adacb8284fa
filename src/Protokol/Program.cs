using Protokol.Cli;

return await CliApp.RunAsync(args);

/// <summary>Entry point; visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
