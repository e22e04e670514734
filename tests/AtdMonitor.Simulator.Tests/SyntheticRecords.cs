using AtdMonitor.Data.Wfdb;
using AtdMonitor.Simulator.Records;

namespace AtdMonitor.Simulator.Tests;

/// <summary>Small records with known samples: every sample is distinct, so a misplaced one shows.</summary>
internal static class SyntheticRecords
{
    /// <summary>A record of <paramref name="length"/> samples with a beat label every 300 samples ("N", every fifth "V").</summary>
    public static ReplayRecord Create(string name, int length)
    {
        var lead0 = new float[length];
        var lead1 = new float[length];
        for (var i = 0; i < length; i++)
        {
            lead0[i] = MathF.Sin(i * 0.05f) + (i * 1e-4f);
            lead1[i] = MathF.Cos(i * 0.13f) * (1 + (i % 17 * 0.01f));
        }

        var annotations = new List<WfdbAnnotation>();
        for (var k = 0; (k * 300) + 150 < length; k++)
        {
            var symbol = k % 5 == 4 ? "V" : "N";
            annotations.Add(new WfdbAnnotation((k * 300) + 150, symbol == "V" ? 5 : 1, symbol, 0, 0, 0, null));
        }

        return new ReplayRecord(name, ["MLII", "V1"], lead0, lead1, annotations);
    }
}
