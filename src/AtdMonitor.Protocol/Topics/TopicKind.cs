namespace AtdMonitor.Protocol.Topics;

/// <summary>What a topic under <c>atd/v1/</c> carries.</summary>
public enum TopicKind
{
    /// <summary><c>atd/v1/{bed}/ecg</c>: one window of continuous ECG samples.</summary>
    Ecg,

    /// <summary><c>atd/v1/{bed}/spectrogram</c>: the spectrogram image of the same window.</summary>
    Spectrogram,

    /// <summary><c>atd/v1/{sensor}/reading</c>: one time stamp of named sensor values.</summary>
    Reading,

    /// <summary><c>atd/v1/{bed}/truth</c>: optional reference beat annotations, recorded for retraining.</summary>
    Truth,

    /// <summary><c>atd/v1/{bed}/command</c>: an operator's alarm command (acknowledge, silence), JSON.</summary>
    Command,

    /// <summary><c>atd/v1/{bed}/alert</c>: alert raise and clear events published by the worker.</summary>
    Alert,

    /// <summary><c>atd/v1/deadletter</c>: rejected messages with the reason.</summary>
    DeadLetter,
}
