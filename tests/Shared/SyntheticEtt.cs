using System.Globalization;
using System.Text;

namespace AtdMonitor.Tests.Shared;

/// <summary>ETT-style CSV files made in a test: 20 months (the standard split's minimum) of a daily cycle.</summary>
internal static class SyntheticEtt
{
    /// <summary>Rows in 20 months of 30 days at 15-minute steps.</summary>
    public const int QuarterHourlyRows = 20 * 30 * 96;

    /// <summary>Writes <c>date,LOAD,OT</c> every 15 minutes from 2020-01-01; <paramref name="phase"/> shifts the cycle,
    /// so two files with different phases hold different data.</summary>
    public static string WriteQuarterHourly(string path, double phase = 0)
    {
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var csv = new StringBuilder("date,LOAD,OT\n");
        for (var r = 0; r < QuarterHourlyRows; r++)
        {
            var cycle = Math.Sin((2 * Math.PI * r / 96) + phase);
            csv.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(15 * r):yyyy-MM-dd HH:mm:ss},{10 + cycle:F3},{30 + (2 * cycle) + (r % 5 * 0.1):F3}\n");
        }

        File.WriteAllText(path, csv.ToString());
        return path;
    }
}
