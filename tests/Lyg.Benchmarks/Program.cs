using BenchmarkDotNet.Running;
using Lyg.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(LocateBenchmarks).Assembly).Run(args);
