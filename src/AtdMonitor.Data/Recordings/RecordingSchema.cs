using Parquet.Schema;

namespace AtdMonitor.Data.Recordings;

/// <summary>
/// The Parquet layout of a recording (docs/WORKER.md). Windows and truth go to separate files of one segment:
/// <c>windows-{start}.parquet</c> and <c>truth-{start}.parquet</c>. Arrays are float32 little-endian byte columns,
/// which every Parquet reader can load and which keep a window in one cell.
/// </summary>
public static class RecordingSchema
{
    public const string WindowsPrefix = "windows-";
    public const string TruthPrefix = "truth-";
    public const string Extension = ".parquet";

    /// <summary>Suffix of a segment still being written (no footer yet); readers skip it.</summary>
    public const string PartialSuffix = ".partial";

    public static readonly DataField<string> Bed = new("bed", false);
    public static readonly DataField<long> Sequence = new("sequence");
    public static readonly DataField<long> FirstSampleTime = new("first_sample_time_us");
    public static readonly DataField<float> SampleRate = new("sample_rate");
    public static readonly DataField<int> Leads = new("leads");
    public static readonly DataField<int> SamplesPerLead = new("samples_per_lead");
    public static readonly DataField<byte[]> Samples = new("samples_mv_f32le", false);
    public static readonly DataField<bool> ImageMissing = new("image_missing");
    public static readonly DataField<int> ImageRows = new("image_rows");
    public static readonly DataField<int> ImageColumns = new("image_columns");
    public static readonly DataField<byte[]> Image = new("image_f32le", false);

    /// <summary>The window's stream epoch (the worker's count of the device's restarts); absent in recordings made before epochs (read as 0).</summary>
    public static readonly DataField<int> Epoch = new("epoch");

    public static readonly DataField<string> TruthBed = new("bed", false);
    public static readonly DataField<long> TruthSample = new("sample");
    public static readonly DataField<string> TruthSymbol = new("symbol", false);
    /// <summary>The stream epoch the truth was posted with; null when unknown (then, and in older recordings, its arrival places it).</summary>
    public static readonly DataField<int?> TruthEpoch = new("epoch");

    /// <summary>Windows rows of the segment written before the truth message arrived: places the label in the recording's time line.</summary>
    public static readonly DataField<long> TruthArrival = new("arrival_window_row");

    public static ParquetSchema Windows { get; } = new(Bed, Sequence, FirstSampleTime, SampleRate, Leads, SamplesPerLead, Samples, ImageMissing, ImageRows, ImageColumns, Image, Epoch);

    public static ParquetSchema Truth { get; } = new(TruthBed, TruthSample, TruthSymbol, TruthEpoch, TruthArrival);

    /// <summary>Whether a file's schema has <paramref name="field"/> (older recordings lack the epoch columns).</summary>
    public static bool Has(ParquetSchema schema, DataField field)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(field);
        return schema.DataFields.Any(f => f.Name == field.Name);
    }

    public static byte[] ToBytes(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return bytes;
    }

    public static float[] ToFloats(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return values;
    }
}
