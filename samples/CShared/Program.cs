// Calls the Go library that dotnet build built (go build -buildmode=c-shared), verified and copied beside the app.
using System.Runtime.InteropServices;

long sum = Native.Add(40, 2);
IntPtr version = Native.GoVersion();
string goVersion = Marshal.PtrToStringUTF8(version) ?? "?";
Native.FreeString(version);
Console.WriteLine($"Go returned Add(40, 2) = {sum}, Fib(30) = {Native.Fib(30)} from {goVersion}");

internal static class Native
{
    // As libgreet.h declares them: GoInt64 is long long (C# long); char* is a pointer the library allocates.
    [DllImport("greet")] public static extern long Add(long a, long b);
    [DllImport("greet")] public static extern long Fib(long n);
    [DllImport("greet")] public static extern IntPtr GoVersion();
    [DllImport("greet")] public static extern void FreeString(IntPtr s);
}
