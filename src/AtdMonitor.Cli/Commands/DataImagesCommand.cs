using System.CommandLine;
using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Data.Wfdb;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd data images</c>: writes the beat spectrogram images of a few N, S and V beats as PNG.</summary>
internal static class DataImagesCommand
{
    public static Command Create()
    {
        var data = DataOptions.DataDirectory();
        var record = new Option<string>("--record") { Description = "MIT-BIH record to draw beats from.", DefaultValueFactory = _ => "208" };
        var output = new Option<string>("--out") { Description = "Folder for the PNG files.", DefaultValueFactory = _ => Path.Combine("docs", "images") };
        var scale = new Option<int>("--scale") { Description = "Also write each image enlarged this many times (nearest neighbour), for viewing; 1 = no.", DefaultValueFactory = _ => 6 };
        var command = new Command("images", "Writes the 32 x 32 spectrogram images (8-bit grey PNG, the wire's scaling) of the first N, S and V beats of a record.")
        {
            data,
            record,
            output,
            scale,
        };
        command.SetAction(parseResult =>
        {
            var (directory, _) = DataOptions.Mitdb(parseResult.GetValue(data));
            var name = parseResult.GetValue(record)!;
            var folder = parseResult.GetValue(output)!;
            var factor = Math.Max(1, parseResult.GetValue(scale));
            Directory.CreateDirectory(folder);
            var wfdb = WfdbReader.ReadRecord(directory, name);
            var second = wfdb.ToMillivolts(BeatDatasetBuilder.LeadsOf(wfdb).Lead1);
            var beats = WfdbAnnotationReader.Read(Path.Combine(directory, name + ".atr")).Where(a => a.IsBeat).ToList();
            var image = new float[BeatDataset.ImageSize];
            foreach (var wanted in new[] { AamiClass.N, AamiClass.S, AamiClass.V })
            {
                // Skip the first minute so the beat is in steady state; take the first beat of the class after it.
                var beat = beats.FirstOrDefault(b => AamiMapping.FromSymbol(b.Symbol) == wanted && b.Sample > 60 * wfdb.SampleRate);
                if (beat.Symbol is null)
                {
                    parseResult.InvocationConfiguration.Output.WriteLine($"record {name}: no {wanted} beat.");
                    continue;
                }

                StftSpectrogram.ComputeBeat(second, beat.Sample, image);
                var path = Path.Combine(folder, $"beat-{wanted}-{name}-{beat.Sample}.png");
                File.WriteAllBytes(path, SpectrogramPng.Encode(image, SpectrogramSpec.Rows, SpectrogramSpec.BeatColumns));
                parseResult.InvocationConfiguration.Output.WriteLine($"{path}: {wanted} beat ('{beat.Symbol}') at sample {beat.Sample}");
                if (factor > 1)
                {
                    var large = Path.ChangeExtension(path, $".x{factor}.png");
                    File.WriteAllBytes(large, SpectrogramPng.Encode(Enlarge(image, factor), SpectrogramSpec.Rows * factor, SpectrogramSpec.BeatColumns * factor));
                    parseResult.InvocationConfiguration.Output.WriteLine($"{large}: the same, {factor}x");
                }
            }

            return 0;
        });
        return command;
    }

    private static float[] Enlarge(float[] image, int factor)
    {
        var cols = SpectrogramSpec.BeatColumns * factor;
        var large = new float[image.Length * factor * factor];
        for (var r = 0; r < SpectrogramSpec.Rows * factor; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                large[(r * cols) + c] = image[(r / factor * SpectrogramSpec.BeatColumns) + (c / factor)];
            }
        }

        return large;
    }
}
