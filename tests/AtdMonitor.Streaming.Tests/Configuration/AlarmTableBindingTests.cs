using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Configuration;

namespace AtdMonitor.Streaming.Tests.Configuration;

public sealed class AlarmTableBindingTests
{
    [Fact]
    public void Configuring_one_alarm_overrides_that_alarm_and_keeps_the_rest_of_the_default_table()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Alerts:Alarms:Types:tachycardia:Priority"] = "High",
            ["Alerts:Alarms:Types:bigeminy:EscalateAfter"] = "00:10:00",
            ["Alerts:Alarms:Types:torsades:Priority"] = "High",
            ["Alerts:Alarms:MaxSilence"] = "00:01:00",
        });

        var tachycardia = options.Alarms.For(AlertTypes.Tachycardia);
        Assert.Equal((AlarmPriority.High, true, TimeSpan.FromSeconds(30)), (tachycardia.Priority, tachycardia.LatchingOrDefault, tachycardia.EscalateAfterOrDefault));
        var bigeminy = options.Alarms.For(AlertTypes.Bigeminy);
        Assert.Equal((AlarmPriority.Low, false, TimeSpan.FromMinutes(10)), (bigeminy.Priority, bigeminy.LatchingOrDefault, bigeminy.EscalateAfterOrDefault));
        Assert.Equal(AlarmPriority.High, options.Alarms.For("torsades").Priority);
        Assert.Equal(AlarmPriority.High, options.Alarms.For(AlertTypes.Asystole).Priority);
        Assert.Equal(AlarmPriority.Technical, options.Alarms.For(AlertTypes.BedSilent).Priority);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Alarms.MaxSilence);
    }

    [Fact]
    public void The_default_table_gives_every_alarm_of_the_issue_its_priority()
    {
        var alarms = new AlarmSystemOptions();

        Assert.All([AlertTypes.VentricularFibrillation, AlertTypes.VentricularTachycardia, AlertTypes.Asystole], type => Assert.Equal(AlarmPriority.High, alarms.For(type).Priority));
        Assert.All([AlertTypes.AtrialFibrillation, AlertTypes.SupraventricularTachycardia, AlertTypes.Pause, AlertTypes.Bradycardia, AlertTypes.Tachycardia], type => Assert.Equal(AlarmPriority.Medium, alarms.For(type).Priority));
        Assert.All([AlertTypes.FrequentEctopy, AlertTypes.Couplet, AlertTypes.Bigeminy, AlertTypes.Trigeminy, AlertTypes.VentricularRun], type => Assert.Equal(AlarmPriority.Low, alarms.For(type).Priority));
        Assert.All([AlertTypes.SignalQuality, AlertTypes.BedSilent], type => Assert.Equal(AlarmPriority.Technical, alarms.For(type).Priority));
        Assert.True(alarms.For(AlertTypes.Asystole).LatchingOrDefault);
        Assert.False(alarms.For(AlertTypes.Pause).LatchingOrDefault);
    }

    private static AlertsOptions Bind(Dictionary<string, string?> values)
    {
        var options = new AlertsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(AlertsOptions.SectionName).Bind(options);
        return options;
    }
}
