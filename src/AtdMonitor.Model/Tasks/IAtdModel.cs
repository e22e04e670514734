using AtdMonitor.Model.Configuration;

namespace AtdMonitor.Model.Tasks;

/// <summary>A task model built from (and checkpointed with) its configuration.</summary>
public interface IAtdModel
{
    AtdConfig Config { get; }
}
