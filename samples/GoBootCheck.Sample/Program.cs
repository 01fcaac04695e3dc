// The .NET side of the sample: runs the Go program that the build verified.
using System.Diagnostics;

string goBinary = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "obj", "go", "hello-go");
using var process = Process.Start(new ProcessStartInfo(Path.GetFullPath(goBinary)) { UseShellExecute = false });
process?.WaitForExit();
return process?.ExitCode ?? 1;
