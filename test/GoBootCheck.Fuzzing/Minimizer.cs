using System.Globalization;
using System.Text;

namespace GoBootCheck.Fuzzing;

/// <summary>
/// Shrinks a crashing input towards its seed: reverts runs of changed bytes (halving, then one run at a time) and
/// grows a truncated file back, keeping every step that still crashes the same way. The result is written as a
/// patch of the seed (its name, the length, the changed runs), small enough for a regression test's data row.
/// </summary>
public static class Minimizer
{
    /// <summary>The minimized input, or the original when it was not made from <paramref name="seed"/>.</summary>
    public static byte[] Minimize(byte[] input, Seed seed, Func<byte[], bool> stillCrashes)
    {
        var current = (byte[])input.Clone();
        // Grow a truncated file back towards the seed's length while it still crashes.
        for (int step = seed.Bytes.Length - current.Length; step > 0 && current.Length < seed.Bytes.Length; step /= 2)
        {
            while (current.Length + step <= seed.Bytes.Length)
            {
                var longer = new byte[current.Length + step];
                current.CopyTo(longer, 0);
                Array.Copy(seed.Bytes, current.Length, longer, current.Length, step);
                if (!stillCrashes(longer)) break;
                current = longer;
            }
        }
        var runs = Runs(current, seed.Bytes);
        for (int chunk = Math.Max(1, runs.Count / 2); chunk >= 1; chunk /= 2)
        {
            for (int i = 0; i < runs.Count;)
            {
                var candidate = (byte[])current.Clone();
                foreach (var (start, length) in runs.Skip(i).Take(chunk)) Array.Copy(seed.Bytes, start, candidate, start, length);
                if (stillCrashes(candidate))
                {
                    current = candidate;
                    runs.RemoveRange(i, Math.Min(chunk, runs.Count - i));
                }
                else
                {
                    i += chunk;
                }
            }
            if (chunk == 1) break;
        }
        return current;
    }

    /// <summary>Runs of bytes where <paramref name="input"/> differs from <paramref name="seed"/> (over their common length).</summary>
    public static List<(int Start, int Length)> Runs(byte[] input, byte[] seed)
    {
        var runs = new List<(int, int)>();
        int n = Math.Min(input.Length, seed.Length);
        for (int i = 0; i < n; i++)
        {
            if (input[i] == seed[i]) continue;
            int start = i;
            while (i < n && input[i] != seed[i]) i++;
            runs.Add((start, i - start));
        }
        return runs;
    }

    /// <summary>"go1.22/pie length=123 0x1a2b:deadbeef …": the seed, the length and the changed runs.</summary>
    public static string Describe(byte[] input, Seed seed)
    {
        var text = new StringBuilder($"{seed.Name} length={input.Length}");
        foreach (var (start, length) in Runs(input, seed.Bytes))
            text.Append(CultureInfo.InvariantCulture, $" 0x{start:x}:{Convert.ToHexString(input, start, length).ToLowerInvariant()}");
        return text.ToString();
    }

    /// <summary>Rebuilds an input from <see cref="Describe"/>'s text over the seed's bytes.</summary>
    public static byte[] Apply(byte[] seed, string patch)
    {
        var parts = patch.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int length = int.Parse(parts.Single(p => p.StartsWith("length=", StringComparison.Ordinal))["length=".Length..], CultureInfo.InvariantCulture);
        var bytes = new byte[length];
        Array.Copy(seed, bytes, Math.Min(length, seed.Length));
        foreach (var part in parts.Where(p => p.StartsWith("0x", StringComparison.Ordinal)))
        {
            var (offset, hex) = (part[2..part.IndexOf(':', StringComparison.Ordinal)], part[(part.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            Convert.FromHexString(hex).CopyTo(bytes, int.Parse(offset, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        return bytes;
    }
}
