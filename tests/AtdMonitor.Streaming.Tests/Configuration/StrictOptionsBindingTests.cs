using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Tests.Configuration;

public sealed class StrictOptionsBindingTests
{
    [Fact]
    public void A_value_of_the_wrong_type_is_a_validation_error_naming_the_key()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind<PipelineOptions>(PipelineOptions.SectionName, ("Pipeline:QueueCapacity", "abc")));

        var failure = Assert.Single(ex.Failures);
        Assert.Contains("'Pipeline:QueueCapacity'", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void An_unknown_key_in_a_known_section_is_a_validation_error_naming_the_key()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind<PipelineOptions>(PipelineOptions.SectionName, ("Pipeline:QueueCapcity", "64")));

        Assert.Equal("Pipeline:QueueCapcity is not a setting (unknown key in section Pipeline).", Assert.Single(ex.Failures));
    }

    [Fact]
    public void An_unknown_key_inside_a_nested_object_is_named_with_its_whole_path()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind<AlertsOptions>(AlertsOptions.SectionName, ("Alerts:Pause:Rasie", "3")));

        Assert.StartsWith("Alerts:Pause:Rasie is not a setting", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Dictionary_entries_take_any_name_but_their_values_are_checked()
    {
        var bound = Bind<ForecastingOptions>(ForecastingOptions.SectionName, ("Forecasting:Thresholds:HUFL:High:Raise", "12.5"), ("Forecasting:Thresholds:HUFL:High:Clear", "11"));
        var ex = Assert.Throws<OptionsValidationException>(() => Bind<ForecastingOptions>(ForecastingOptions.SectionName, ("Forecasting:Thresholds:OT:Hihg", "40")));

        Assert.Equal(12.5, bound.Thresholds["HUFL"].High!.Raise);
        Assert.StartsWith("Forecasting:Thresholds:OT:Hihg is not a setting", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Known_keys_bind_as_before()
    {
        var options = Bind<PipelineOptions>(PipelineOptions.SectionName, ("Pipeline:QueueCapacity", "64"), ("pipeline:batchsize", "8"));

        Assert.Equal(64, options.QueueCapacity);
        Assert.Equal(8, options.BatchSize);
    }

    [Fact]
    public void The_shipped_appsettings_have_no_unknown_key()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), "appsettings.json")).Build();
        using var provider = new ServiceCollection().AddAtdOptions(configuration).BuildServiceProvider();

        Assert.Equal(4096, provider.GetRequiredService<IOptions<PipelineOptions>>().Value.QueueCapacity);
        Assert.Equal(45.0, provider.GetRequiredService<IOptions<ForecastingOptions>>().Value.Thresholds["OT"].High!.Raise);
        Assert.NotNull(provider.GetRequiredService<IOptions<AlertsOptions>>().Value);
        Assert.NotNull(provider.GetRequiredService<IOptions<MqttOptions>>().Value);
    }

    private static TOptions Bind<TOptions>(string section, params (string Key, string Value)[] settings)
        where TOptions : class
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddOptions<TOptions>().BindStrictly(configuration, section);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TOptions>>().Value;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AtdMonitor.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("AtdMonitor.sln not found above the test binary.");
    }
}
