using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AtdMonitor.Data.Beats;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd data stats</c>: builds the beat dataset of the 44 non-paced records and counts beats per class in each split.</summary>
internal static class DataStatsCommand
{
    public static Command Create()
    {
        var data = DataOptions.DataDirectory();
        var seed = new Option<int>("--seed") { Description = "Seed of the intra-patient split.", DefaultValueFactory = _ => BeatSplits.DefaultSeed };
        var command = new Command("stats", "Builds the MIT-BIH beat dataset (44 non-paced records) and prints beats per AAMI class for the inter- and intra-patient splits.")
        {
            data,
            seed,
        };
        command.SetAction(parseResult =>
        {
            var (directory, available) = DataOptions.Mitdb(parseResult.GetValue(data));
            var records = MitBihRecords.NonPaced.Intersect(available).ToList();
            var console = DataOptions.Console(parseResult);
            var watch = Stopwatch.StartNew();
            var dataset = BeatDatasetBuilder.Build(directory, records);
            console.MarkupLine(CultureInfo.InvariantCulture, "Built {0} beats of {1} records from {2} in {3:F1} s.", dataset.Count, records.Count, directory, watch.Elapsed.TotalSeconds);

            var table = new Table().AddColumn("Split").AddColumn("Part").AddColumn("Records");
            foreach (var name in AamiMapping.ClassNames)
            {
                table.AddColumn(new TableColumn(name).RightAligned());
            }

            table.AddColumn(new TableColumn("Total").RightAligned());
            var inter = BeatSplits.InterPatient(dataset);
            AddRow(table, dataset, inter.Name, "train", $"DS1 − {{{string.Join(", ", MitBihRecords.Ds1Validation)}}}", inter.Train);
            AddRow(table, dataset, inter.Name, "validation", string.Join(", ", MitBihRecords.Ds1Validation), inter.Validation);
            AddRow(table, dataset, inter.Name, "test", "DS2", inter.Test);
            var intra = BeatSplits.IntraPatient(dataset, seed: parseResult.GetValue(seed));
            AddRow(table, dataset, intra.Name, "train (70 %)", "all 44", intra.Train);
            AddRow(table, dataset, intra.Name, "validation (10 %)", "all 44", intra.Validation);
            AddRow(table, dataset, intra.Name, "test (20 %)", "all 44", intra.Test);
            AddRow(table, dataset, "all", string.Empty, $"{records.Count} non-paced", [.. Enumerable.Range(0, dataset.Count)]);
            console.Write(table);
            return 0;
        });
        return command;
    }

    private static void AddRow(Table table, BeatDataset dataset, string split, string part, string records, int[] indices)
    {
        var counts = dataset.ClassCounts(indices);
        table.AddRow([split, part, records, .. counts.Select(c => c.ToString(CultureInfo.InvariantCulture)), indices.Length.ToString(CultureInfo.InvariantCulture)]);
    }
}
