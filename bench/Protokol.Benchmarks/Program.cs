using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Protokol.Benchmarks.ReferatParsing).Assembly).Run(args);
