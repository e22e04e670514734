using System.Globalization;

namespace AtdMonitor.Data.Noise;

/// <summary>
/// Realistic ECG noise made in code, added to a recorded lead at a chosen signal-to-noise ratio: baseline wander
/// (slow sinusoids and breathing), muscle (EMG) bursts, electrode-motion artefacts (decaying transients and baseline
/// steps inside the ECG band, the kind that fools beat classifiers) and mains hum. Each record and lead gets its own
/// mixture and realisation, reproducible from (<see cref="Seed"/>, record, lead).
/// </summary>
/// <remarks>SNR follows the MIT-BIH Noise Stress Test convention: signal power = (median QRS peak-to-peak amplitude)² / 8,
/// noise power = the noise's variance. The SNR is drawn per <see cref="SegmentSeconds"/>-second segment uniformly in
/// [<see cref="MinSnrDb"/>, <see cref="MaxSnrDb"/>] (fixed when they are equal), so a record mixes clean and noisy stretches.</remarks>
/// <param name="MinSnrDb">Lowest SNR in dB.</param>
/// <param name="MaxSnrDb">Highest SNR in dB.</param>
/// <param name="Seed">Seeds every draw.</param>
public sealed record EcgNoise(double MinSnrDb, double MaxSnrDb, int Seed)
{
    /// <summary>Length of the stretches that share one SNR.</summary>
    public const double SegmentSeconds = 30;

    /// <summary>Mains frequency of the MIT-BIH recordings (United States).</summary>
    private const double MainsHz = 60;

    /// <summary>The training augmentation: SNR from 0 to 24 dB.</summary>
    public static EcgNoise Augmentation(int seed) => new(0, 24, seed);

    /// <summary>A fixed SNR, for evaluation (<c>atd eval --noise</c>).</summary>
    public static EcgNoise AtSnr(double snrDb, int seed) => new(snrDb, snrDb, seed);

    /// <summary>A stable text of the settings (cache keys, reports).</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"noise snr={MinSnrDb:R}..{MaxSnrDb:R}dB seed={Seed}");

    /// <summary>Adds noise to <paramref name="leadMv"/> in place.</summary>
    /// <param name="leadMv">One lead of one record, in mV.</param>
    /// <param name="sampleRate">Samples per second.</param>
    /// <param name="record">The record's name (the realisation depends on it).</param>
    /// <param name="lead">The lead's index (the realisation depends on it).</param>
    public void AddTo(Span<float> leadMv, double sampleRate, string record, int lead)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleRate, 0);
        if (MinSnrDb > MaxSnrDb || double.IsNaN(MinSnrDb) || double.IsNaN(MaxSnrDb))
        {
            throw new ArgumentException($"The SNR range {MinSnrDb}..{MaxSnrDb} dB is empty.", nameof(leadMv));
        }

        if (leadMv.Length == 0)
        {
            return;
        }

        var random = new Random(StableSeed(record, lead));
        var noise = new float[leadMv.Length];
        var weights = new[] { random.NextDouble(), random.NextDouble(), 0.5 + random.NextDouble(), 0.3 * random.NextDouble() };
        AddUnitVariance(noise, BaselineWander(leadMv.Length, sampleRate, random), weights[0]);
        AddUnitVariance(noise, MuscleBursts(leadMv.Length, sampleRate, random), weights[1]);
        AddUnitVariance(noise, ElectrodeMotion(leadMv.Length, sampleRate, random), weights[2]);
        AddUnitVariance(noise, Mains(leadMv.Length, sampleRate, random), weights[3]);

        var signalPower = Math.Pow(MedianPeakToPeak(leadMv, sampleRate), 2) / 8;
        var segment = (int)(SegmentSeconds * sampleRate);
        for (var start = 0; start < leadMv.Length; start += segment)
        {
            var part = noise.AsSpan(start, Math.Min(segment, leadMv.Length - start));
            var snr = MinSnrDb + (random.NextDouble() * (MaxSnrDb - MinSnrDb));
            var variance = Variance(part);
            var scale = variance <= 0 ? 0 : Math.Sqrt(signalPower / Math.Pow(10, snr / 10) / variance);
            for (var i = 0; i < part.Length; i++)
            {
                leadMv[start + i] += (float)(part[i] * scale);
            }
        }
    }

    private int StableSeed(string record, int lead)
    {
        // Not string.GetHashCode: it is randomised per process, and a cache built by one run is read by another.
        var hash = 2_166_136_261u;
        foreach (var c in $"{Seed}|{record}|{lead}")
        {
            hash = (hash ^ c) * 16_777_619u;
        }

        return (int)hash;
    }

    /// <summary>Three slow sinusoids (0.05 to 0.5 Hz) and breathing (0.15 to 0.4 Hz).</summary>
    private static float[] BaselineWander(int length, double sampleRate, Random random)
    {
        var noise = new float[length];
        for (var k = 0; k < 4; k++)
        {
            var frequency = k < 3 ? 0.05 + (0.45 * random.NextDouble()) : 0.15 + (0.25 * random.NextDouble());
            var amplitude = 0.5 + random.NextDouble();
            var phase = 2 * Math.PI * random.NextDouble();
            var step = 2 * Math.PI * frequency / sampleRate;
            for (var i = 0; i < length; i++)
            {
                noise[i] += (float)(amplitude * Math.Sin(phase + (step * i)));
            }
        }

        return noise;
    }

    /// <summary>White Gaussian noise under a slowly varying envelope: muscle activity comes and goes.</summary>
    private static float[] MuscleBursts(int length, double sampleRate, Random random)
    {
        var noise = new float[length];
        var envelopeStep = (int)sampleRate / 2;
        double envelope = 1, target = 1;
        for (var i = 0; i < length; i++)
        {
            if (i % envelopeStep == 0)
            {
                target = 0.2 + (1.6 * random.NextDouble());
            }

            envelope += (target - envelope) * 0.01;
            noise[i] = (float)(envelope * Gaussian(random));
        }

        return noise;
    }

    /// <summary>Transients at random times (about one every two seconds): damped 1 to 8 Hz oscillations and decaying
    /// baseline steps, as when an electrode moves on the skin.</summary>
    private static float[] ElectrodeMotion(int length, double sampleRate, Random random)
    {
        var noise = new float[length];
        var at = 0;
        while (true)
        {
            at += (int)(-Math.Log(1 - random.NextDouble()) * 2 * sampleRate);
            if (at >= length)
            {
                return noise;
            }

            var amplitude = (random.NextDouble() < 0.5 ? -1 : 1) * (0.5 + random.NextDouble());
            var oscillation = random.NextDouble() < 0.6;
            var frequency = 1 + (7 * random.NextDouble());
            var decay = (oscillation ? 0.1 + (0.4 * random.NextDouble()) : 0.5 + (1.5 * random.NextDouble())) * sampleRate;
            var end = Math.Min(length, at + (int)(5 * decay));
            for (var i = at; i < end; i++)
            {
                var t = i - at;
                var shape = oscillation ? Math.Sin(2 * Math.PI * frequency * t / sampleRate) : 1;
                noise[i] += (float)(amplitude * Math.Exp(-t / decay) * shape);
            }
        }
    }

    /// <summary>Mains hum with a slowly drifting amplitude.</summary>
    private static float[] Mains(int length, double sampleRate, Random random)
    {
        var noise = new float[length];
        var phase = 2 * Math.PI * random.NextDouble();
        var drift = 0.1 + (0.2 * random.NextDouble());
        for (var i = 0; i < length; i++)
        {
            var t = i / sampleRate;
            noise[i] = (float)((1 + (0.3 * Math.Sin(2 * Math.PI * drift * t))) * Math.Sin(phase + (2 * Math.PI * MainsHz * t)));
        }

        return noise;
    }

    private static void AddUnitVariance(float[] total, float[] component, double weight)
    {
        var scale = Math.Sqrt(weight / Math.Max(Variance(component), 1e-12));
        for (var i = 0; i < total.Length; i++)
        {
            total[i] += (float)(component[i] * scale);
        }
    }

    private static double Variance(ReadOnlySpan<float> values)
    {
        double sum = 0, squares = 0;
        foreach (var v in values)
        {
            sum += v;
            squares += (double)v * v;
        }

        var mean = sum / values.Length;
        return Math.Max(0, (squares / values.Length) - (mean * mean));
    }

    /// <summary>The median over one-second blocks of the block's peak-to-peak amplitude: about the QRS amplitude.</summary>
    private static double MedianPeakToPeak(ReadOnlySpan<float> lead, double sampleRate)
    {
        var block = Math.Max(1, (int)sampleRate);
        var amplitudes = new List<double>();
        for (var start = 0; start + block <= lead.Length; start += block)
        {
            var part = lead.Slice(start, block);
            float low = float.MaxValue, high = float.MinValue;
            foreach (var v in part)
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }

            amplitudes.Add(high - low);
        }

        if (amplitudes.Count == 0)
        {
            return 1;
        }

        amplitudes.Sort();
        return amplitudes[amplitudes.Count / 2];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
