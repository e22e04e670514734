using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>The last beats of one bed, newest last, bounded.</summary>
public sealed class BeatHistory(int capacity)
{
    private readonly LinkedList<ClassifiedBeat> _beats = new();

    public int Count => _beats.Count;

    public ClassifiedBeat? Latest => _beats.Last?.Value;

    /// <summary>Whether the bed is in atrial fibrillation: its alarm raised or pending, or the rule's newest figure saying
    /// AF. In AF no beat is premature against a sinus rhythm, so a beat called S there is not supraventricular ectopy.</summary>
    public bool InAtrialFibrillation { get; set; }

    public void Add(ClassifiedBeat beat)
    {
        _beats.AddLast(beat);
        if (_beats.Count > capacity)
        {
            _beats.RemoveFirst();
        }
    }

    public void Clear() => _beats.Clear();

    /// <summary>The newest <paramref name="count"/> beats (or fewer), newest first.</summary>
    public IEnumerable<ClassifiedBeat> Newest(int count)
    {
        var node = _beats.Last;
        for (var i = 0; i < count && node is not null; i++, node = node.Previous)
        {
            yield return node.Value;
        }
    }
}
