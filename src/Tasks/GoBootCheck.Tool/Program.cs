using GoBootCheck.Tool;

// gobootcheck verify <binary|glob>… [--sarif F] [--ruleset F] [--rule-pack P…]: see VerifyCommand.
return await VerifyCommand.RunAsync(args, Console.Out, Console.Error, ConsoleSink.IsInteractive()).ConfigureAwait(false);
