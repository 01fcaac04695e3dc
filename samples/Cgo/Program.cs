// Runs the cgo program dotnet build built and verified.
using System.Diagnostics;

string tool = Path.Combine(AppContext.BaseDirectory, "cgohello");
var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
Console.WriteLine($"C# ran the cgo program: {process.StandardOutput.ReadToEnd().Trim()}");
process.WaitForExit();
return process.ExitCode;
