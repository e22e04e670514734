namespace AtdMonitor.Protocol.Messages;

/// <summary>
/// The spectrogram image of one ECG window (<c>atd/v1/{bed}/spectrogram</c>), paired with it by <see cref="Sequence"/>.
/// Raw float32 values, row-major <c>[Rows × Columns]</c>, row 0 the lowest frequency, columns in time order.
/// </summary>
public sealed record SpectrogramWindow(string Bed, long Sequence, DateTimeOffset FirstSampleTime, int Rows, int Columns, float[] Values)
    : WireMessage(Bed);
