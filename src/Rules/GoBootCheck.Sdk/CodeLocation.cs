namespace GoBootCheck.Sdk;

/// <summary>A Go source position (pclntab's pcfile and pcln tables, or the function's start line).</summary>
/// <param name="File">The source file as the toolchain recorded it (absolute unless built with -trimpath).</param>
/// <param name="Line">The line, if known.</param>
public sealed record CodeLocation(string File, int? Line)
{
    /// <summary>"asm_amd64.s:16" style: the file and the line if known.</summary>
    public override string ToString() => Line is int line ? File + ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture) : File;
}

/// <summary>A file that belongs to the binary under check, handed to rules by the build (e.g. a c-shared library's header).</summary>
/// <param name="Kind">What it is: <see cref="CompanionFile.CHeader"/> or a kind a pack and its build agree on.</param>
/// <param name="Path">Where it was read from, for messages.</param>
/// <param name="Content">Its text.</param>
public sealed record CompanionFile(string Kind, string Path, string Content)
{
    /// <summary>The cgo export header written by go build -buildmode=c-shared.</summary>
    public const string CHeader = "c-header";
}
