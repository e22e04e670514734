namespace AtdMonitor.Data.Beats;

/// <summary>Maps MIT-BIH beat symbols to AAMI classes.</summary>
public static class AamiMapping
{
    /// <summary>Number of AAMI classes.</summary>
    public const int ClassCount = 5;

    /// <summary>Class names in index order: "N","S","V","F","Q".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["N", "S", "V", "F", "Q"];

    /// <summary>The AAMI class of a MIT-BIH beat symbol, or null for symbols outside the mapping (non-beats, 'B', '?', 'n', 'r').</summary>
    public static AamiClass? FromSymbol(string symbol) => symbol switch
    {
        "N" or "L" or "R" or "e" or "j" => AamiClass.N,
        "A" or "a" or "J" or "S" => AamiClass.S,
        "V" or "E" => AamiClass.V,
        "F" => AamiClass.F,
        "/" or "f" or "Q" => AamiClass.Q,
        _ => null,
    };
}
