// The C# side of the mixed repository: runs the Go tool that dotnet build built, verified and copied beside it.
using System.Diagnostics;

string tool = Path.Combine(AppContext.BaseDirectory, "greeter");
var start = new ProcessStartInfo(tool, ["20"]) { RedirectStandardOutput = true, UseShellExecute = false };
using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
string answer = process.StandardOutput.ReadToEnd().Trim();
process.WaitForExit();
Console.WriteLine($"C# asked the Go tool: {answer}");
return process.ExitCode;
