using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Each benchmark runs in its own process, built from this project in Release. Building the web app on two cores takes
// longer than BenchmarkDotNet's default two minutes, hence the longer timeout. Results go to artifacts/benchmarks.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .WithBuildTimeout(TimeSpan.FromMinutes(10))
    .WithArtifactsPath(Path.Combine("artifacts", "benchmarks"));

// Pass BenchmarkDotNet's options through, e.g. --filter '*Report*'.
BenchmarkSwitcher.FromAssembly(typeof(PilotReadiness.Benchmarks.ReportBenchmarks).Assembly).Run(args, config);
