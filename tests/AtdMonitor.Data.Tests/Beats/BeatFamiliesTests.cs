using AtdMonitor.Data.Beats;

namespace AtdMonitor.Data.Tests.Beats;

public sealed class BeatFamiliesTests
{
    private const int V = (int)AamiClass.V;

    /// <summary>A beat on time: its pre-RR the patient's median.</summary>
    private const float OnTime = 1;

    [Fact]
    public void A_beat_called_ventricular_in_a_family_the_model_called_normal_is_pulled_towards_the_familys_mean_and_n_against_s_is_kept()
    {
        var families = new BeatFamilies();
        for (var i = 0; i < BeatFamilies.MinimumMembers; i++)
        {
            families.Vote(Narrow(), OnTime, [0.90f, 0.05f, 0.03f, 0.01f, 0.01f], V);
        }

        float[] doubtful = [0.20f, 0.05f, 0.70f, 0.04f, 0.01f];
        families.Vote(Narrow(), OnTime, doubtful, V);

        var expectedV = ((1 - BeatFamilies.FamilyWeight) * 0.70) + (BeatFamilies.FamilyWeight * 0.03);
        Assert.Equal(expectedV, doubtful[V], 5);
        Assert.Equal(0.20 / 0.05, doubtful[0] / doubtful[1], 4);
        Assert.Equal(1.0, doubtful.Sum(), 5);
        Assert.Equal(0, doubtful.AsSpan().IndexOf(doubtful.Max()));
    }

    [Fact]
    public void A_premature_beat_is_never_made_less_ventricular_by_its_family_for_a_fast_run_is_how_ventricular_tachycardia_looks()
    {
        var families = new BeatFamilies();
        for (var i = 0; i < BeatFamilies.MinimumMembers; i++)
        {
            families.Vote(Narrow(), OnTime, [0.90f, 0.05f, 0.03f, 0.01f, 0.01f], V);
        }

        float[] premature = [0.20f, 0.05f, 0.70f, 0.04f, 0.01f];
        families.Vote(Narrow(), 0.6f, premature, V);

        Assert.Equal([0.20f, 0.05f, 0.70f, 0.04f, 0.01f], premature);
    }

    [Fact]
    public void A_family_votes_only_from_its_twentieth_earlier_member_on()
    {
        var families = new BeatFamilies();
        for (var i = 0; i < BeatFamilies.MinimumMembers - 1; i++)
        {
            families.Vote(Narrow(), OnTime, [0.90f, 0.05f, 0.03f, 0.01f, 0.01f], V);
        }

        float[] probabilities = [0.20f, 0.05f, 0.70f, 0.04f, 0.01f];
        families.Vote(Narrow(), OnTime, probabilities, V);

        Assert.Equal([0.20f, 0.05f, 0.70f, 0.04f, 0.01f], probabilities);
    }

    [Fact]
    public void A_beat_of_another_shape_starts_a_family_of_its_own_and_keeps_its_call()
    {
        var families = new BeatFamilies();
        for (var i = 0; i < 30; i++)
        {
            families.Vote(Narrow(), OnTime, [0.90f, 0.05f, 0.03f, 0.01f, 0.01f], V);
        }

        float[] wide = [0.10f, 0.02f, 0.85f, 0.02f, 0.01f];
        families.Vote(Wide(), OnTime, wide, V);

        Assert.Equal([0.10f, 0.02f, 0.85f, 0.02f, 0.01f], wide);
        Assert.Equal(2, families.Count);
    }

    [Fact]
    public void Ventricular_beats_the_model_was_unsure_of_in_a_family_it_mostly_called_ventricular_are_called_ventricular()
    {
        var families = new BeatFamilies();
        for (var i = 0; i < 25; i++)
        {
            families.Vote(Wide(), OnTime, [0.05f, 0.02f, 0.90f, 0.02f, 0.01f], V);
        }

        float[] unsure = [0.55f, 0.02f, 0.40f, 0.02f, 0.01f];
        families.Vote(Wide(), OnTime, unsure, V);

        Assert.Equal(V, unsure.AsSpan().IndexOf(unsure.Max()));
    }

    [Fact]
    public void A_beat_whose_probabilities_are_not_numbers_joins_no_family_and_the_family_goes_on_voting()
    {
        var families = new BeatFamilies();
        for (var i = 0; i < BeatFamilies.MinimumMembers; i++)
        {
            families.Vote(Narrow(), OnTime, [0.90f, 0.05f, 0.03f, 0.01f, 0.01f], V);
        }

        families.Vote(Narrow(), OnTime, [float.NaN, float.NaN, float.NaN, float.NaN, float.NaN], V);
        float[] doubtful = [0.20f, 0.05f, 0.70f, 0.04f, 0.01f];
        families.Vote(Narrow(), float.NaN, doubtful, V);
        float[] next = [0.20f, 0.05f, 0.70f, 0.04f, 0.01f];
        families.Vote(Narrow(), OnTime, next, V);

        Assert.Equal([0.20f, 0.05f, 0.70f, 0.04f, 0.01f], doubtful);
        Assert.True(float.IsFinite(next[V]) && next[V] < next[0]);
    }

    [Fact]
    public void A_flat_window_is_left_as_it_is_and_joins_no_family()
    {
        var families = new BeatFamilies();
        float[] probabilities = [0.2f, 0.1f, 0.6f, 0.05f, 0.05f];

        families.Vote(new float[BeatSpec.WindowLength], OnTime, probabilities, V);

        Assert.Equal([0.2f, 0.1f, 0.6f, 0.05f, 0.05f], probabilities);
        Assert.Equal(0, families.Count);
    }

    [Fact]
    public void A_window_of_another_length_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new BeatFamilies().Vote(new float[10], OnTime, new float[5], V));
        Assert.Contains($"{BeatSpec.WindowLength} samples", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A narrow QRS at the window's R position.</summary>
    private static float[] Narrow() => Pulse(width: 5);

    /// <summary>A wide, biphasic complex, as a PVC's.</summary>
    private static float[] Wide()
    {
        var window = new float[BeatSpec.WindowLength];
        for (var i = 0; i < window.Length; i++)
        {
            var t = (i - BeatSpec.WindowBefore) / 14.0;
            window[i] = (float)(-2 * t * Math.Exp(-t * t));
        }

        return window;
    }

    private static float[] Pulse(double width)
    {
        var window = new float[BeatSpec.WindowLength];
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = (float)Math.Exp(-Math.Pow((i - BeatSpec.WindowBefore) / width, 2));
        }

        return window;
    }
}
