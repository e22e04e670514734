using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Recordings;
using AtdMonitor.Data.Spectrograms;

namespace AtdMonitor.Training.FineTuning;

/// <summary>
/// Builds the beats of recorded stretches with the offline feature code: <see cref="BeatFeatureExtraction"/> on lead 0 at
/// the truth R positions, the beat image cropped from the recorded spectrogram (what the stream saw), AAMI classes from
/// <see cref="AamiMapping"/>; the last 20 % of each bed's beats in time order are the validation slice.
/// </summary>
/// <remarks>Where a beat's recorded image is incomplete (a window's image never arrived, or the crop reaches past the
/// stretch) the beat is kept image-absent, so training sees the missing-image token the worker classified it with.</remarks>
public static class RecordingBeatsBuilder
{
    /// <summary>Fraction of each bed's beats (the latest) held out for validation.</summary>
    public const double ValidationFraction = 0.2;

    public static RecordingBeats Build(IReadOnlyList<RecordedStretch> stretches)
    {
        ArgumentNullException.ThrowIfNull(stretches);
        var signals = new List<float>();
        var rhythm = new List<float>();
        var images = new List<float>();
        var imagePresent = new List<bool>();
        var labels = new List<int>();
        var beds = new List<string>();
        var rPeaks = new List<long>();
        double unlabelledSeconds = 0;
        var imageAbsent = 0;
        var conflicting = 0;
        var image = new float[BeatDataset.ImageSize];
        foreach (var stretch in stretches)
        {
            if (stretch.Labels.Count == 0)
            {
                unlabelledSeconds += stretch.SampleCount / stretch.SampleRate;
                continue;
            }

            // Every labelled beat is an R-peak for the RR features; symbols without an AAMI class are not beats. A beat
            // labelled twice with classes that disagree (a label resent with another symbol) is an R-peak, not a lesson.
            var classOf = stretch.Labels
                .Where(l => AamiMapping.FromSymbol(l.Symbol) is not null)
                .GroupBy(l => l.Sample - stretch.FirstSample)
                .ToDictionary(g => g.Key, g => g.Select(l => (int)AamiMapping.FromSymbol(l.Symbol)!.Value).Distinct().ToList());
            foreach (var beat in BeatFeatureExtraction.Extract(stretch.Leads[0], [.. classOf.Keys.Order()], stretch.SampleRate))
            {
                if (classOf[beat.RPeakSample] is not [var beatClass])
                {
                    conflicting++;
                    continue;
                }

                var present = TryCropRecorded(stretch, beat.RPeakSample, image);
                if (!present)
                {
                    // The buffer holds the previous beat's crop; the model replaces an absent image by its token, zeros keep it plain.
                    Array.Clear(image);
                    imageAbsent++;
                }

                signals.AddRange(beat.Window);
                rhythm.AddRange(beat.Rhythm);
                images.AddRange(image);
                imagePresent.Add(present);
                labels.Add(beatClass);
                beds.Add(stretch.Signal);
                rPeaks.Add(stretch.FirstSample + beat.RPeakSample);
            }
        }

        var dataset = new BeatDataset([.. signals], [.. rhythm], [.. images], [.. labels], [.. beds], [.. rPeaks], [.. imagePresent]);
        var train = new List<int>();
        var validation = new List<int>();
        foreach (var bed in Enumerable.Range(0, dataset.Count).GroupBy(i => beds[i], StringComparer.Ordinal))
        {
            var inTime = bed.OrderBy(i => rPeaks[i]).ToList();
            var trainCount = inTime.Count - (int)Math.Ceiling(inTime.Count * ValidationFraction);
            train.AddRange(inTime.Take(trainCount));
            validation.AddRange(inTime.Skip(trainCount));
        }

        return new RecordingBeats(dataset, [.. train], [.. validation], unlabelledSeconds, imageAbsent, conflicting);
    }

    /// <summary>Copies the 32 × 32 beat image centred on the R-peak's column from the recorded spectrogram;
    /// false when a column lies outside the stretch or in a window whose image is missing.</summary>
    private static bool TryCropRecorded(RecordedStretch stretch, long rPeak, Span<float> output)
    {
        var columnsPerWindow = stretch.ImageColumnsPerWindow;
        var windows = stretch.ImagePresent.Length;
        if (stretch.ImageRows != SpectrogramSpec.Rows || columnsPerWindow == 0 || windows == 0)
        {
            return false;
        }

        var samplesPerWindow = stretch.SampleCount / windows;
        var firstColumn = stretch.FirstSample * columnsPerWindow / samplesPerWindow;
        var first = SpectrogramSpec.BeatFirstColumn(stretch.FirstSample + rPeak) - firstColumn;
        var totalColumns = windows * columnsPerWindow;
        const int width = SpectrogramSpec.BeatColumns;
        if (first < 0 || first + width > totalColumns)
        {
            return false;
        }

        for (var window = first / columnsPerWindow; window <= (first + width - 1) / columnsPerWindow; window++)
        {
            if (!stretch.ImagePresent[window])
            {
                return false;
            }
        }

        for (var row = 0; row < SpectrogramSpec.Rows; row++)
        {
            stretch.Image.AsSpan((int)((row * totalColumns) + first), width).CopyTo(output.Slice(row * width, width));
        }

        return true;
    }
}
