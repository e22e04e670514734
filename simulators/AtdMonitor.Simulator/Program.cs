await Console.Error.WriteLineAsync("atd-sim: not built yet. See the project's issues for its plan.");
return 3;
