using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of the test PostgreSQL, so a test can take the database away from the app
/// without stopping the server everyone shares: <see cref="Cut"/> (open connections reset, new ones refused, as when
/// the server is down), <see cref="BlackHole"/> (connections accepted and never answered, as when packets are dropped)
/// and <see cref="Restore"/>. Point the app's connection string at <see cref="Port"/>.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<Socket, bool> _sockets = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private volatile bool _blackHole;

    public TcpFaultProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Listen(0);
        Port = ((IPEndPoint)_listener!.LocalEndpoint).Port;
    }

    public int Port { get; }

    /// <summary>The server goes away: every open connection is reset and new ones are refused.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }

        ResetAll();
    }

    /// <summary>The network drops everything: open connections are reset, new ones are accepted and never answered.</summary>
    public void BlackHole()
    {
        _blackHole = true;
        EnsureListening();
        ResetAll();
    }

    /// <summary>The server is back: new connections reach it again.</summary>
    public void Restore()
    {
        _blackHole = false;
        EnsureListening();
        ResetAll(); // connections accepted while black-holed lead nowhere
    }

    private void EnsureListening()
    {
        lock (_gate)
        {
            if (_listener is null)
            {
                Listen(Port);
            }
        }
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return; // stopped
            }

            _sockets[client] = true;
            if (!_blackHole)
            {
                _ = ForwardAsync(client);
            }
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sockets[server] = true;
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stopping.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // a reset or a cut: the connection ends either way
        }
        finally
        {
            Reset(client);
            Reset(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stopping.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the other side went away
        }
    }

    private void ResetAll()
    {
        foreach (var socket in _sockets.Keys)
        {
            Reset(socket);
        }
    }

    /// <summary>Closes with a reset (linger 0), as a dead server's kernel would answer.</summary>
    private void Reset(Socket socket)
    {
        if (_sockets.TryRemove(socket, out _))
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // already closed
            }

            socket.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Cut();
        _stopping.Dispose();
    }
}
