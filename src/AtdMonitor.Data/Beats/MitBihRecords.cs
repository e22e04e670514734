namespace AtdMonitor.Data.Beats;

/// <summary>The MIT-BIH Arrhythmia record lists used for training and evaluation.</summary>
public static class MitBihRecords
{
    /// <summary>All 48 records.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "100", "101", "102", "103", "104", "105", "106", "107", "108", "109", "111", "112", "113", "114", "115", "116", "117", "118", "119",
        "121", "122", "123", "124", "200", "201", "202", "203", "205", "207", "208", "209", "210", "212", "213", "214", "215", "217", "219",
        "220", "221", "222", "223", "228", "230", "231", "232", "233", "234",
    ];

    /// <summary>Records with paced beats, left out of beat classification.</summary>
    public static IReadOnlyList<string> Paced { get; } = ["102", "104", "107", "217"];

    /// <summary>The 44 records without paced beats.</summary>
    public static IReadOnlyList<string> NonPaced { get; } = [.. All.Except(Paced)];

    /// <summary>de Chazal et al. 2004 training set (inter-patient).</summary>
    public static IReadOnlyList<string> Ds1 { get; } =
    [
        "101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122", "124", "201", "203", "205", "207", "208", "209", "215",
        "220", "223", "230",
    ];

    /// <summary>de Chazal et al. 2004 test set (inter-patient).</summary>
    public static IReadOnlyList<string> Ds2 { get; } =
    [
        "100", "103", "105", "111", "113", "117", "121", "123", "200", "202", "210", "212", "213", "214", "219", "221", "222", "228", "231",
        "232", "233", "234",
    ];

    /// <summary>DS1 records held out whole for validation in the inter-patient split: between them they hold S, V and
    /// F beats (118: S; 201: S, V; 215: V; 124: S, V, F) so early stopping sees every class but Q.</summary>
    public static IReadOnlyList<string> Ds1Validation { get; } = ["118", "124", "201", "215"];

    /// <summary>DS1 split into five folds of whole records for patient-wise cross-validation. Each fold holds S, V
    /// and F beats (S / V / F beats: 1: 101 / 992 / 373, 2: 169 / 934 / 14, 3: 387 / 181 / 11, 4: 138 / 815 / 7,
    /// 5: 149 / 866 / 10). F is concentrated in record 208, so fold 1's F figure weighs most in the mean.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Ds1Folds { get; } =
    [
        ["101", "112", "208", "220"],
        ["115", "118", "119", "223", "230"],
        ["116", "122", "205", "209"],
        ["106", "109", "124", "207"],
        ["108", "114", "201", "203", "215"],
    ];
}
