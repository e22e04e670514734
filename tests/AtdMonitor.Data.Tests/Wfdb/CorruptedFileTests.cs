using AtdMonitor.Data.Wfdb;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Data.Tests.Wfdb;

public sealed class CorruptedFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-wfdb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public void A_truncated_signal_file_is_refused_with_its_name_and_the_expected_size()
    {
        CopyRecord("100");
        var dat = Path.Combine(_directory, "100.dat");
        var bytes = File.ReadAllBytes(dat);
        File.WriteAllBytes(dat, bytes[..1_000_000]);

        var error = Assert.Throws<WfdbFormatException>(() => WfdbReader.ReadRecord(_directory, "100"));
        Assert.Contains("100.dat", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 1950000 bytes", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_flipped_byte_in_the_signal_file_fails_the_header_checksum()
    {
        CopyRecord("100");
        var dat = Path.Combine(_directory, "100.dat");
        var bytes = File.ReadAllBytes(dat);
        bytes[12_345] ^= 0x01;
        File.WriteAllBytes(dat, bytes);

        var error = Assert.Throws<WfdbFormatException>(() => WfdbReader.ReadRecord(_directory, "100"));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        Assert.Contains("100.dat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_with_fewer_signal_lines_than_announced_is_refused()
    {
        File.WriteAllText(Path.Combine(_directory, "x.hea"), "x 2 360 10\r\nx.dat 16 200 12 0 0 0 0 MLII\r\n");
        var error = Assert.Throws<WfdbFormatException>(() => WfdbReader.ReadRecord(_directory, "x"));
        Assert.Contains("x.hea", error.Message, StringComparison.Ordinal);
        Assert.Contains("announces 2 signals", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_with_a_malformed_field_names_the_line_and_field()
    {
        File.WriteAllText(Path.Combine(_directory, "x.hea"), "# comment\nx 1 360 10\nx.dat 16 200 12 zero 0 0 0 MLII\n");
        var error = Assert.Throws<WfdbFormatException>(() => WfdbReader.ReadRecord(_directory, "x"));
        Assert.Contains("line 3, field 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("ADC zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_signal_format_is_refused()
    {
        File.WriteAllText(Path.Combine(_directory, "x.hea"), "x 1 360 10\nx.dat 310 200 12 0 0 0 0 MLII\n");
        var error = Assert.Throws<WfdbFormatException>(() => WfdbReader.ReadRecord(_directory, "x"));
        Assert.Contains("format 310 not supported", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_truncated_annotation_file_is_refused_with_the_byte_offset()
    {
        var atr = File.ReadAllBytes(Path.Combine(TestData.RequireMitdb(), "100.atr"));
        var path = Path.Combine(_directory, "100.atr");
        File.WriteAllBytes(path, atr[..1001]);

        var error = Assert.Throws<WfdbFormatException>(() => WfdbAnnotationReader.Read(path));
        Assert.Contains("100.atr", error.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aux_longer_than_the_file_is_refused()
    {
        var path = Path.Combine(_directory, "x.atr");
        File.WriteAllBytes(path, [0x05, 0x04, 0x10, 0xFC, (byte)'(', (byte)'N']);
        var error = Assert.Throws<WfdbFormatException>(() => WfdbAnnotationReader.Read(path));
        Assert.Contains("truncated AUX at byte offset 2", error.Message, StringComparison.Ordinal);
    }

    private void CopyRecord(string name)
    {
        var mitdb = TestData.RequireMitdb();
        foreach (var extension in new[] { ".hea", ".dat", ".atr" })
        {
            File.Copy(Path.Combine(mitdb, name + extension), Path.Combine(_directory, name + extension));
        }
    }
}
