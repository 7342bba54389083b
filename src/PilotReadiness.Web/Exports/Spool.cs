namespace PilotReadiness.Web.Exports;

/// <summary>
/// A write-only stream that keeps what is written to it in memory until <see cref="DrainAsync"/> sends it on. Writers
/// that only write synchronously (a ZIP entry being closed, a JSON serializer flushing) write here, and the caller
/// drains to the response asynchronously between items, so memory holds one item at a time, never the whole export.
/// </summary>
public sealed class Spool(Stream target) : Stream
{
    private readonly MemoryStream _buffer = new();
    private long _position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    /// <summary>Bytes written and not yet sent on.</summary>
    public long Pending => _buffer.Length;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _buffer.Write(buffer);
        _position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends what has been written to the target stream and empties the buffer.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        if (_buffer.Length == 0)
        {
            return;
        }

        await target.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), ct);
        _buffer.SetLength(0);
    }

    public override void Flush()
    {
        // Nothing to do: DrainAsync sends the bytes on.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }
}
