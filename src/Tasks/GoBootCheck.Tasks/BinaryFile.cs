using System.Buffers;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;

namespace GoBootCheck.Tasks;

/// <summary>
/// One binary's bytes for the length of its verification. Large files are memory-mapped read-only, so only the pages
/// the verifier touches (headers, pclntab, each function's prologue) become resident instead of a copy of the whole
/// file on the managed heap; small files are read into an array. Dispose unmaps.
/// </summary>
/// <remarks>
/// A mapped file that another process truncates in place while it is mapped raises SIGBUS on the next access past the
/// new end, which the .NET runtime cannot turn into an exception: it would end the MSBuild node. Build tools do not do
/// that to their output — the Go linker and <c>go build</c> unlink the old file before writing a new one, and
/// <c>cp</c>/<c>mv</c> onto a path replace or rewrite it only when the user runs them concurrently with the build — so
/// the window is a concurrent in-place rewrite of the very file being verified. To keep it small and keep the common
/// case (fixtures, small services) free of it, only files of at least <see cref="MapThreshold"/> bytes are mapped,
/// the mapping lives only while one binary is verified, and the length is checked again after mapping.
/// </remarks>
internal sealed class BinaryFile : IDisposable
{
    /// <summary>Files from this size on are mapped: below it, a copy costs little memory and no SIGBUS risk.</summary>
    internal const long MapThreshold = 32L * 1024 * 1024;

    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly MappedMemory? _memory;
    private readonly Task<string>? _sha256;
    private readonly ReadBuffers? _buffers;
    private byte[]? _buffer;

    private BinaryFile(ReadOnlyMemory<byte> bytes, Task<string>? sha256, MemoryMappedFile? map, MemoryMappedViewAccessor? view, MappedMemory? memory,
        ReadBuffers? buffers = null, byte[]? buffer = null)
    {
        Bytes = bytes;
        _sha256 = sha256;
        _map = map;
        _view = view;
        _memory = memory;
        _buffers = buffers;
        _buffer = buffer;
    }

    /// <summary>The file's bytes; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>
    /// Lowercase hex SHA-256 of the file, or null if it was opened without one. For a mapped file it is computed on
    /// another thread while the binary is verified; reading it waits, and throws the file system's exception if the
    /// file could not be read.
    /// </summary>
    public string? Sha256 => _sha256?.GetAwaiter().GetResult();

    /// <summary>True if <see cref="Bytes"/> is a mapped view of the file rather than a copy.</summary>
    public bool IsMapped => _map is not null;

    /// <summary>
    /// Opens <paramref name="path"/>; throws the file system's exceptions (the caller reports them). A file read into
    /// memory goes into a buffer of <paramref name="buffers"/> when given (given back on <see cref="Dispose"/>).
    /// Without <paramref name="hash"/> (no SARIF log and no verdict cache to key) no SHA-256 is computed: reading and
    /// hashing every byte of the corpus benchmark's 1.9 GB was 7 % of its CPU time.
    /// </summary>
    public static BinaryFile Open(string path, long mapThreshold = MapThreshold, ReadBuffers? buffers = null, bool hash = true)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1 << 20);
        bool handedOver = false;
        try
        {
            long length = stream.Length;
            // ReadOnlyMemory is int-indexed, as File.ReadAllBytes was before.
            if (length > int.MaxValue) throw new IOException($"the file has {length} bytes; GoBootCheck reads binaries of up to 2 GiB");
            if (length < mapThreshold || length == 0) // an empty file cannot be mapped
            {
                byte[] buffer = buffers?.Rent((int)length) ?? new byte[length];
                var bytes = new Memory<byte>(buffer, 0, (int)length);
                stream.ReadExactly(bytes.Span);
                return new BinaryFile(bytes, hash ? Task.FromResult(Hex(SHA256.HashData(bytes.Span))) : null, null, null, null, buffers, buffer);
            }
            var map = MemoryMappedFile.CreateFromFile(stream, mapName: null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            MemoryMappedViewAccessor? view = null;
            try
            {
                view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
                if (stream.Length != length) throw new IOException($"the file changed size while it was being read ({length} → {stream.Length} bytes)");
                var memory = new MappedMemory(view, (int)length);
                // Hash through the file, not the mapping (reading every page of the view would make all of it resident),
                // on another thread: it overlaps the verification. The task owns the stream from here on.
                Task<string>? sha256 = null;
                if (hash)
                {
                    sha256 = Task.Run(() =>
                    {
                        using (stream) return Hex(SHA256.HashData(stream));
                    });
                    handedOver = true;
                }
                return new BinaryFile(memory.Memory, sha256, map, view, memory);
            }
            catch
            {
                view?.Dispose();
                map.Dispose();
                throw;
            }
        }
        finally
        {
            // The mapping keeps its own reference to the file; the descriptor is only needed for hashing.
            if (!handedOver) stream.Dispose();
        }
    }

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    public void Dispose()
    {
        // Let the hash finish with the file before the mapping goes (its failure, if any, was or will never be read).
        ((IAsyncResult?)_sha256)?.AsyncWaitHandle.WaitOne();
        ((IDisposable?)_memory)?.Dispose();
        _view?.Dispose();
        _map?.Dispose();
        if (_buffer is not null && _buffers is not null) _buffers.Return(_buffer);
        _buffer = null;
    }

    /// <summary>A <see cref="MemoryManager{T}"/> over a mapped view, so the view can be handed on as <see cref="Memory{T}"/>.</summary>
    private sealed unsafe class MappedMemory : MemoryManager<byte>
    {
        private readonly MemoryMappedViewAccessor _view;
        private readonly int _length;
        private byte* _pointer;

        public MappedMemory(MemoryMappedViewAccessor view, int length)
        {
            _view = view;
            _length = length;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref _pointer);
            _pointer += view.PointerOffset;
        }

        public override Span<byte> GetSpan()
        {
            ObjectDisposedException.ThrowIf(_pointer is null, this);
            return new Span<byte>(_pointer, _length);
        }

        // The view is pinned for its whole life: nothing to do per pin.
        public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

        public override void Unpin() { }

        protected override void Dispose(bool disposing)
        {
            if (_pointer is null) return;
            _pointer = null;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }
}

/// <summary>
/// The buffers one run reads binaries into, reused from binary to binary. Binaries below the mapping threshold (most Go
/// programs) are megabytes each: a fresh array per binary lands on the large object heap, and with several binaries
/// verified side by side its collections (gen 2, all threads stopped) took more time than the second core gave.
/// Sizes are powers of two, so that one buffer serves binaries of like size; a buffer is at most the mapping threshold
/// (32 MiB), within the constant of a binary's memory bound. At most one buffer per binary in flight: buffers too small
/// for a binary are dropped when a larger one is made. Dropped with the run: nothing outlives the build.
/// </summary>
internal sealed class ReadBuffers
{
    private readonly System.Collections.Concurrent.ConcurrentBag<byte[]> _free = [];

    /// <summary>A buffer of at least <paramref name="length"/> bytes.</summary>
    public byte[] Rent(int length)
    {
        var tooSmall = new List<byte[]>();
        while (_free.TryTake(out byte[]? buffer))
        {
            if (buffer.Length >= length)
            {
                foreach (byte[] other in tooSmall) _free.Add(other);
                return buffer;
            }
            tooSmall.Add(buffer);
        }
        return new byte[length <= 1 << 20 ? length : (int)Math.Min(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length), Array.MaxLength)];
    }

    /// <summary>Gives a buffer back once nothing reads it any more.</summary>
    public void Return(byte[] buffer) => _free.Add(buffer);
}
