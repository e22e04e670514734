using System.CommandLine;
using AtdMonitor.Data.Noise;

namespace AtdMonitor.Cli.Commands;

/// <summary>The noise stress test's options (<c>--noise SNR</c>, <c>--noise-seed S</c>), shared by <c>atd eval</c>, <c>atd score
/// stream</c> and <c>atd data noise-index</c>: the same realistic noise (<see cref="EcgNoise"/>) wherever it is asked for.</summary>
internal static class NoiseOptions
{
    /// <summary><c>--noise SNR</c>: refused outside -20 to 60 dB.</summary>
    public static Option<double?> Snr(string description)
    {
        var option = new Option<double?>("--noise") { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } snr && !(snr is >= -20 and <= 60))
            {
                result.AddError("--noise takes an SNR in dB from -20 to 60.");
            }
        });
        return option;
    }

    /// <summary><c>--noise-seed S</c>: which realisation of the noise (default 1).</summary>
    public static Option<int> Seed() => new("--noise-seed") { Description = "With --noise: seeds the noise.", DefaultValueFactory = _ => 1 };

    /// <summary>The noise asked for, or null without <c>--noise</c>.</summary>
    public static EcgNoise? From(ParseResult parseResult, Option<double?> snr, Option<int> seed)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(snr) is { } level ? EcgNoise.AtSnr(level, parseResult.GetValue(seed)) : null;
    }
}
