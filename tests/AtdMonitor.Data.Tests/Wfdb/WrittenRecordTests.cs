using System.Buffers.Binary;
using AtdMonitor.Data.Wfdb;

namespace AtdMonitor.Data.Tests.Wfdb;

public sealed class WrittenRecordTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-wfdb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Format_16_with_three_interleaved_signals_and_a_baseline_reads_back_in_mV()
    {
        short[][] signals = [[100, -200, 300, 4000], [-1, -2, -3, -4], [7, 8, 9, 10]];
        var bytes = new byte[4 * 3 * 2];
        for (var t = 0; t < 4; t++)
        {
            for (var s = 0; s < 3; s++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(((t * 3) + s) * 2), signals[s][t]);
            }
        }

        File.WriteAllBytes(Path.Combine(_directory, "r.dat"), bytes);
        File.WriteAllText(Path.Combine(_directory, "r.hea"), string.Join('\n',
            "r 3 500 4",
            $"r.dat 16 100(50)/mV 16 0 100 {Sum(signals[0])} 0 I",
            $"r.dat 16 200 16 0 -1 {Sum(signals[1])} 0 II",
            "r.dat 16 1000/uV 16 0 7 34 0 chest lead V1") + "\n");

        var record = WfdbReader.ReadRecord(_directory, "r");

        Assert.Equal(500, record.SampleRate);
        Assert.Equal(signals, record.Samples);
        Assert.Equal([0.5f, -2.5f, 2.5f, 39.5f], record.ToMillivolts(0));
        Assert.Equal("uV", record.Signals[2].Units);
        Assert.Equal(2, record.IndexOfLead("chest lead V1"));
    }

    [Fact]
    public void Format_80_is_offset_binary_and_format_212_handles_an_odd_sample_count()
    {
        File.WriteAllBytes(Path.Combine(_directory, "e.dat"), [0, 128, 255]);
        // 212: values 1, -1, -2048 packed in 3 + 2 bytes (last pair's second sample absent).
        File.WriteAllBytes(Path.Combine(_directory, "t.dat"), [0x01, 0xF0, 0xFF, 0x00, 0x08]);
        File.WriteAllText(Path.Combine(_directory, "p.hea"), "p 2 360 3\r\ne.dat 80 200 8 0 -128 -1 0 A\r\nt.dat 212 200 12 0 1 -2048 0 B\r\n");

        var record = WfdbReader.ReadRecord(_directory, "p");

        Assert.Equal(new short[] { -128, 0, 127 }, record.Samples[0]);
        Assert.Equal(new short[] { 1, -1, -2048 }, record.Samples[1]);
    }

    private static short Sum(short[] values)
    {
        short sum = 0;
        foreach (var v in values)
        {
            sum = unchecked((short)(sum + v));
        }

        return sum;
    }
}
