using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>
/// Untrained beat classifier checkpoints for the worker under test, written once per test run. The tests check what
/// the worker does with beats (that every one is classified and stored), not what the model says about them.
/// </summary>
public static class BeatCheckpoints
{
    private static readonly string[] ClassNames = ["N", "S", "V", "F", "Q"];
    private static readonly Lazy<string> TinyPath = new(() => Write("tiny", new AtdConfig { ModelWidth = 16, EncoderLayers = 1, AttentionHeads = 2, FeedForwardWidth = 32 }));
    private static readonly Lazy<string> SlowPath = new(() => Write("slow", new AtdConfig { ModelWidth = 128, EncoderLayers = 4, AttentionHeads = 4, FeedForwardWidth = 512 }));
    private static readonly string Directory = System.IO.Directory.CreateTempSubdirectory("atd-checkpoints-").FullName;

    static BeatCheckpoints() => AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>A small model: fast inference.</summary>
    public static string Tiny => TinyPath.Value;

    /// <summary>A model several times slower, for overload tests.</summary>
    public static string Slow => SlowPath.Value;

    private static string Write(string name, AtdConfig config)
    {
        var path = Path.Combine(Directory, name + ".ckpt");
        using var model = new ArrhythmiaModel(config);
        model.eval();
        new ModelCheckpoint(config, ClassNames, []).Save(path, model);
        return path;
    }
}
