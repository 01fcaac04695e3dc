using System.Text;
using System.Text.Json;

namespace GoBootCheck.Configuration;

/// <summary>A JSON value with the line and column (1-based) where it starts, so that problems can point at it.</summary>
internal abstract record JsonAt(int Line, int Column);

/// <summary>An object; members keep their order and duplicates (the reader reports duplicates).</summary>
internal sealed record JsonObjectAt(int Line, int Column, IReadOnlyList<JsonMemberAt> Members) : JsonAt(Line, Column);

/// <summary>One "name": value pair; the position is the name's.</summary>
internal sealed record JsonMemberAt(string Name, int Line, int Column, JsonAt Value);

/// <summary>An array.</summary>
internal sealed record JsonArrayAt(int Line, int Column, IReadOnlyList<JsonAt> Items) : JsonAt(Line, Column);

/// <summary>A string, number, true, false or null; <see cref="Text"/> is the string's value or the literal as written.</summary>
internal sealed record JsonScalarAt(int Line, int Column, JsonValueKind Kind, string Text) : JsonAt(Line, Column)
{
    /// <summary>"a string", "a number", "true", …: what a message says was found.</summary>
    public string Describe() => Kind switch
    {
        JsonValueKind.String => $"the string \"{Text}\"",
        JsonValueKind.Number => $"the number {Text}",
        _ => Text,
    };
}

/// <summary>
/// Reads UTF-8 JSON (comments and trailing commas allowed, as in other .NET configuration files) into a tree that
/// remembers positions; <see cref="JsonDocument"/> forgets them. Invalid JSON is a value: the error and its position.
/// </summary>
internal static class PositionedJson
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static bool TryParse(ReadOnlySpan<byte> utf8, out JsonAt? root, out (int Line, int Column, string Message) error)
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble)) utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            if (!reader.Read())
            {
                root = null;
                error = (1, 1, "the file is empty; expected a JSON object");
                return false;
            }
            root = ReadValue(ref reader, lines, utf8);
            error = default;
            return true;
        }
        catch (JsonException ex)
        {
            root = null;
            // LineNumber and BytePositionInLine are 0-based; the message's own position suffix is dropped.
            string message = ex.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut].TrimEnd();
            error = ((int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, message);
            return false;
        }
    }

    private static JsonAt ReadValue(ref Utf8JsonReader reader, LineMap lines, ReadOnlySpan<byte> utf8)
    {
        var (line, column) = lines.Position(utf8, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var members = new List<JsonMemberAt>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (nameLine, nameColumn) = lines.Position(utf8, reader.TokenStartIndex);
                    string name = reader.GetString()!;
                    reader.Read();
                    members.Add(new JsonMemberAt(name, nameLine, nameColumn, ReadValue(ref reader, lines, utf8)));
                }
                return new JsonObjectAt(line, column, members);
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<JsonAt>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, lines, utf8));
                return new JsonArrayAt(line, column, items);
            }
            case JsonTokenType.String:
                return new JsonScalarAt(line, column, JsonValueKind.String, reader.GetString()!);
            case JsonTokenType.Number:
                return new JsonScalarAt(line, column, JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return new JsonScalarAt(line, column, JsonValueKind.True, "true");
            case JsonTokenType.False:
                return new JsonScalarAt(line, column, JsonValueKind.False, "false");
            default:
                return new JsonScalarAt(line, column, JsonValueKind.Null, "null");
        }
    }

    /// <summary>Byte offset → 1-based line and column (columns count characters, not UTF-8 bytes).</summary>
    private sealed class LineMap
    {
        private readonly List<int> _starts = [0];

        public LineMap(ReadOnlySpan<byte> utf8)
        {
            for (int i = 0; i < utf8.Length; i++)
                if (utf8[i] == (byte)'\n') _starts.Add(i + 1);
        }

        public (int Line, int Column) Position(ReadOnlySpan<byte> utf8, long offset)
        {
            int index = _starts.BinarySearch((int)offset);
            int line = index >= 0 ? index : ~index - 1;
            int column = 1;
            for (int i = _starts[line]; i < offset; i++)
                if ((utf8[i] & 0xC0) != 0x80) column++; // skip UTF-8 continuation bytes
            return (line + 1, column);
        }
    }
}
