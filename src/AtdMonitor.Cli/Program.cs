using AtdMonitor.Cli;

return await AtdCommandLine.Create().Parse(args).InvokeAsync();
