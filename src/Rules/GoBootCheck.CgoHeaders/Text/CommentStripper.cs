namespace GoBootCheck.CgoHeaders.Text;

/// <summary>Blanks C comments (block and line) with spaces, keeping every offset and newline where it was.</summary>
internal static class CommentStripper
{
    public static string Strip(string text)
    {
        var chars = text.ToCharArray();
        int i = 0;
        while (i < chars.Length)
        {
            char c = chars[i];
            if (c == '"' || c == '\'')
            {
                // Literals may contain comment openers; skip them (they never span lines in a header).
                i++;
                while (i < chars.Length && chars[i] != c && chars[i] != '\n')
                {
                    if (chars[i] == '\\') i++;
                    i++;
                }
                i++;
            }
            else if (c == '/' && i + 1 < chars.Length && chars[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? chars.Length : end + 2;
                for (int j = i; j < end; j++)
                {
                    if (chars[j] != '\n') chars[j] = ' ';
                }
                i = end;
            }
            else if (c == '/' && i + 1 < chars.Length && chars[i + 1] == '/')
            {
                while (i < chars.Length && chars[i] != '\n') chars[i++] = ' ';
            }
            else
            {
                i++;
            }
        }
        return new string(chars);
    }
}
