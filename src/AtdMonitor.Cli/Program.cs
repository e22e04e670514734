using AtdMonitor.Cli;

return await CommandInvocation.InvokeAsync(AtdCommandLine.Create().Parse(args), Console.Error);
