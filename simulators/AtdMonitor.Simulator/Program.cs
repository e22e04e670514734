using AtdMonitor.Simulator.Cli;

return await SimulatorCommandLine.Create().Parse(args).InvokeAsync();
