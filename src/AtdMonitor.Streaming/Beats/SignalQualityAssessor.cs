using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Beats;

/// <summary>Judges one raw lead-0 window: flat (lead off), saturated (clipped or beyond range) or noisy (muscle, motion, mains).</summary>
public static class SignalQualityAssessor
{
    public static SignalQualityVerdict Assess(ReadOnlySpan<float> millivolts, SignalQualityAlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (millivolts.Length < 3)
        {
            return new SignalQualityVerdict(SignalQualityVerdict.FlatLine, 0, 0);
        }

        var min = float.MaxValue;
        var max = float.MinValue;
        var beyondRange = 0;
        foreach (var x in millivolts)
        {
            min = Math.Min(min, x);
            max = Math.Max(max, x);
            beyondRange += Math.Abs(x) >= options.SaturationMillivolts ? 1 : 0;
        }

        double peakToPeak = max - min;
        if (peakToPeak < options.FlatPeakToPeakMillivolts)
        {
            return new SignalQualityVerdict(SignalQualityVerdict.FlatLine, peakToPeak, 0);
        }

        var pinned = 0;
        double secondDifferenceEnergy = 0;
        for (var i = 0; i < millivolts.Length; i++)
        {
            pinned += millivolts[i] == min || millivolts[i] == max ? 1 : 0;
            if (i >= 2)
            {
                double d2 = millivolts[i] - (2 * millivolts[i - 1]) + millivolts[i - 2];
                secondDifferenceEnergy += d2 * d2;
            }
        }

        var noise = Math.Sqrt(secondDifferenceEnergy / (millivolts.Length - 2)) / peakToPeak;
        var saturated = Math.Max(beyondRange, pinned) >= options.SaturationFraction * millivolts.Length;
        var problem = saturated ? SignalQualityVerdict.Saturation : noise > options.NoiseIndex ? SignalQualityVerdict.Noise : null;
        return new SignalQualityVerdict(problem, peakToPeak, noise);
    }
}
