using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;

namespace AtdMonitor.Data.Tests.Spectrograms;

public sealed class SpectrogramTests
{
    [Fact]
    public void Strip_crops_from_per_window_images_equal_the_crops_of_the_continuous_STFT()
    {
        var (ecg, second, annotations) = SampleRecords.Load("208", minutes: 1);
        var strip = new SpectrogramStrip();
        var window = new float[SpectrogramSpec.Rows * SpectrogramSpec.ColumnsPerWindow];
        var fromStrip = new float[BeatDataset.ImageSize];
        var offline = new float[BeatDataset.ImageSize];
        var beats = annotations.Where(a => a.IsBeat).Select(a => a.Sample).ToList();
        var next = 0;
        var cropped = 0;
        for (var s = 0; s + 360 <= ecg.Length; s += 360)
        {
            // What the device sends: the 40 columns of window s, computed with the samples around it.
            StftSpectrogram.Compute(second, s / SpectrogramSpec.Hop, SpectrogramSpec.ColumnsPerWindow, window);
            strip.Append(s / SpectrogramSpec.Hop, window, SpectrogramSpec.ColumnsPerWindow);
            for (; next < beats.Count && (SpectrogramSpec.BeatFirstColumn(beats[next]) + SpectrogramSpec.BeatColumns) * SpectrogramSpec.Hop <= s + 360; next++)
            {
                if (strip.TryCropBeat(beats[next], fromStrip))
                {
                    StftSpectrogram.ComputeBeat(second, beats[next], offline);
                    Assert.Equal(offline, fromStrip);
                    cropped++;
                }
            }
        }

        Assert.True(cropped >= beats.Count - 3, $"{cropped} of {beats.Count} beats cropped");
    }

    [Fact]
    public void A_crop_with_a_missing_column_is_refused()
    {
        var strip = new SpectrogramStrip(capacityColumns: 200);
        var image = new float[SpectrogramSpec.Rows * 40];
        strip.Append(0, image, 40);
        strip.Append(80, image, 40);

        var output = new float[BeatDataset.ImageSize];
        Assert.True(strip.TryCropBeat(20 * 9, output));
        Assert.False(strip.TryCropBeat(50 * 9, output));
        Assert.False(strip.TryCropBeat(5 * 9, output));
        strip.Reset();
        Assert.False(strip.TryCropBeat(20 * 9, output));
    }

    [Fact]
    public void A_sine_shows_up_in_its_frequency_row_and_column_k_is_centred_on_sample_9k()
    {
        // 45 Hz at 360 Hz is bin 8 of 64, row 7.
        var signal = Enumerable.Range(0, 3600).Select(t => MathF.Sin(2 * MathF.PI * 45 * t / 360)).ToArray();
        var image = new float[SpectrogramSpec.Rows * 10];
        StftSpectrogram.Compute(signal, 100, 10, image);
        for (var c = 0; c < 10; c++)
        {
            var column = Enumerable.Range(0, SpectrogramSpec.Rows).Select(r => image[(r * 10) + c]).ToList();
            Assert.Equal(7, column.IndexOf(column.Max()));
        }

        // An impulse at sample 900 lights column 100 (centre of the Hann window) more than its neighbours.
        var impulse = new float[2000];
        impulse[900] = 1;
        var around = new float[SpectrogramSpec.Rows * 3];
        StftSpectrogram.Compute(impulse, 99, 3, around);
        Assert.True(around[1] > around[0] && around[1] > around[2]);
        Assert.Equal(SpectrogramSpec.Rows * 3, around.Length);
    }

    [Fact]
    public void PNG_round_trip_keeps_values_to_the_8_bit_step_of_the_fixed_range()
    {
        var image = Enumerable.Range(0, 32 * 40).Select(i => i % 50 / 10f).ToArray();
        var png = SpectrogramPng.Encode(image, 32, 40);
        var decoded = SpectrogramPng.Decode(png, out var rows, out var cols);

        Assert.Equal((32, 40), (rows, cols));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        for (var i = 0; i < image.Length; i++)
        {
            var expected = Math.Min(image[i], SpectrogramSpec.PngMaxValue);
            Assert.InRange(decoded[i], expected - (SpectrogramSpec.PngMaxValue / 500), expected + (SpectrogramSpec.PngMaxValue / 500));
        }

        Assert.Throws<FormatException>(() => SpectrogramPng.Decode([1, 2, 3], out _, out _));
    }
}
