namespace AtdMonitor.Streaming.Tests.Rhythm;

/// <summary>
/// A synthetic lead 0 at 360 Hz, in millivolts: narrow QRS complexes with a P wave before and a T wave after for
/// normal and supraventricular beats, wide inverted complexes without P wave for ventricular beats, and optional
/// fibrillatory baseline waves (atrial fibrillation) or a sine (ventricular flutter).
/// </summary>
internal sealed class SyntheticEcg(double seconds, int seed = 1)
{
    private readonly Random _random = new(seed);

    public float[] Samples { get; } = new float[(int)(seconds * RhythmReplay.Rate)];

    public List<(long Sample, string Class)> Beats { get; } = [];

    /// <summary>
    /// Adds beats of <paramref name="className"/> every <paramref name="rrSeconds"/> (plus up to ± <paramref name="jitter"/>) from
    /// <paramref name="from"/> s for <paramref name="count"/> beats; returns the time after the last. <paramref name="qrsWidth"/>
    /// widens a normal or supraventricular beat's QRS (aberrant conduction: upright and alike, but wider).
    /// </summary>
    public double AddBeats(double from, int count, double rrSeconds, string className = "N", double jitter = 0, bool pWave = true, double qrsWidth = 1)
    {
        var t = from;
        for (var i = 0; i < count; i++)
        {
            t += rrSeconds + (jitter * ((2 * _random.NextDouble()) - 1));
            AddBeat(t, className, pWave, qrsWidth);
        }

        return t;
    }

    public void AddBeat(double time, string className, bool pWave = true, double qrsWidth = 1)
    {
        var r = (long)Math.Round(time * RhythmReplay.Rate);
        Beats.Add((r, className));
        if (className == "V")
        {
            Wave(time, -1.4, 0.035);
            Wave(time + 0.3, 0.5, 0.06);
            return;
        }

        if (pWave)
        {
            Wave(time - 0.16, 0.15, 0.022);
        }

        Wave(time - (0.02 * qrsWidth), -0.15, 0.006 * qrsWidth);
        Wave(time, 1.2, 0.009 * qrsWidth);
        Wave(time + (0.025 * qrsWidth), -0.25, 0.006 * qrsWidth);
        Wave(time + 0.28, 0.3, 0.04);
    }

    /// <summary>A P wave alone, as before a beat at <paramref name="time"/> that never comes (atrial activity during ventricular asystole).</summary>
    public void AddPWave(double time) => Wave(time - 0.16, 0.15, 0.022);

    /// <summary>Irregular fibrillatory waves (4 to 9 Hz, about 0.08 mV) over the whole signal.</summary>
    public void AddFibrillatoryWaves()
    {
        var phase = 0.0;
        var frequency = 6.0;
        for (var i = 0; i < Samples.Length; i++)
        {
            if (i % 90 == 0)
            {
                frequency = 4 + (5 * _random.NextDouble());
            }

            phase += 2 * Math.PI * frequency / RhythmReplay.Rate;
            Samples[i] += (float)(0.08 * Math.Sin(phase));
        }
    }

    /// <summary>A sine of <paramref name="hertz"/> and <paramref name="amplitude"/> mV from <paramref name="from"/> s to <paramref name="to"/> s (ventricular flutter).</summary>
    public void AddSine(double from, double to, double hertz, double amplitude)
    {
        for (var i = (int)(from * RhythmReplay.Rate); i < Math.Min(Samples.Length, (int)(to * RhythmReplay.Rate)); i++)
        {
            Samples[i] += (float)(amplitude * Math.Sin(2 * Math.PI * hertz * i / RhythmReplay.Rate));
        }
    }

    /// <summary>White noise of <paramref name="sd"/> mV everywhere.</summary>
    public void AddNoise(double sd)
    {
        for (var i = 0; i < Samples.Length; i++)
        {
            Samples[i] += (float)(sd * ((_random.NextDouble() + _random.NextDouble() + _random.NextDouble() - 1.5) * 2));
        }
    }

    private void Wave(double centre, double amplitude, double width)
    {
        var c = centre * RhythmReplay.Rate;
        var w = width * RhythmReplay.Rate;
        for (var i = Math.Max(0, (int)(c - (5 * w))); i < Math.Min(Samples.Length, (int)(c + (5 * w))); i++)
        {
            Samples[i] += (float)(amplitude * Math.Exp(-0.5 * ((i - c) / w) * ((i - c) / w)));
        }
    }
}
