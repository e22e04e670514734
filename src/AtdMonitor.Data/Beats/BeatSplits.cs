namespace AtdMonitor.Data.Beats;

/// <summary>The two evaluation protocols on MIT-BIH beats.</summary>
public static class BeatSplits
{
    /// <summary>Default seed of the intra-patient split.</summary>
    public const int DefaultSeed = 20_240_601;

    /// <summary>Inter-patient (de Chazal 2004): train on DS1, test on DS2; validation holds out whole DS1 records
    /// (<see cref="MitBihRecords.Ds1Validation"/> unless given), so no patient is on two sides.</summary>
    public static BeatSplit InterPatient(BeatDataset dataset, IReadOnlyCollection<string>? validationRecords = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var validation = validationRecords ?? MitBihRecords.Ds1Validation;
        var outsideDs1 = validation.Except(MitBihRecords.Ds1).ToList();
        if (outsideDs1.Count > 0)
        {
            throw new ArgumentException($"Validation records must come from DS1; not in DS1: {string.Join(", ", outsideDs1)}.", nameof(validationRecords));
        }

        return new BeatSplit(
            "inter-patient",
            dataset.IndicesOf(MitBihRecords.Ds1.Except(validation)),
            dataset.IndicesOf(validation),
            dataset.IndicesOf(MitBihRecords.Ds2));
    }

    /// <summary>Fold <paramref name="fold"/> (0-based) of the patient-wise cross-validation inside DS1
    /// (<see cref="MitBihRecords.Ds1Folds"/>): train on the other folds' records, score on this fold's records
    /// (<see cref="BeatSplit.Validation"/> and <see cref="BeatSplit.Test"/> are both the held-out fold). DS2 is not used.</summary>
    public static BeatSplit PatientFold(BeatDataset dataset, int fold)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegative(fold);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fold, MitBihRecords.Ds1Folds.Count);
        var heldOut = MitBihRecords.Ds1Folds[fold];
        var scored = dataset.IndicesOf(heldOut);
        return new BeatSplit($"DS1 fold {fold + 1} of {MitBihRecords.Ds1Folds.Count}", dataset.IndicesOf(MitBihRecords.Ds1.Except(heldOut)), scored, scored);
    }

    /// <summary>Intra-patient: beats shuffled with a fixed seed and split per class (stratified), so each side has
    /// the same class mix; validation is carved from the non-test beats.</summary>
    public static BeatSplit IntraPatient(BeatDataset dataset, double validationFraction = 0.1, double testFraction = 0.2, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), "Fractions must be non-negative and sum to less than 1.");
        }

        var random = new Random(seed);
        List<int> train = [], validation = [], test = [];
        for (var c = 0; c < AamiMapping.ClassCount; c++)
        {
            var members = Enumerable.Range(0, dataset.Count).Where(i => dataset.Labels[i] == c).ToArray();
            random.Shuffle(members);
            var testCount = (int)Math.Round(members.Length * testFraction);
            var validationCount = (int)Math.Round(members.Length * validationFraction);
            test.AddRange(members[..testCount]);
            validation.AddRange(members[testCount..(testCount + validationCount)]);
            train.AddRange(members[(testCount + validationCount)..]);
        }

        return new BeatSplit("intra-patient", [.. train.Order()], [.. validation.Order()], [.. test.Order()]);
    }
}
