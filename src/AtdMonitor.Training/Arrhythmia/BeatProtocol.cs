namespace AtdMonitor.Training.Arrhythmia;

/// <summary>The MIT-BIH evaluation protocols (see docs/ANCHORS.md).</summary>
public enum BeatProtocol
{
    /// <summary>de Chazal 2004: train on DS1 (validation = whole DS1 records held out), test on DS2.</summary>
    Inter,

    /// <summary>Beats of the 44 non-paced records split at random per class: optimistic, patients on both sides.</summary>
    Intra,
}
