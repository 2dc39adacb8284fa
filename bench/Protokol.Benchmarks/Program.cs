using BenchmarkDotNet.Running;

if (args is ["documents", ..])
{
    await Protokol.Benchmarks.DocumentTimings.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Protokol.Benchmarks.ReferatParsing).Assembly).Run(args);
