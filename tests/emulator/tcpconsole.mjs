// The board's USB console on a loopback TCP port, for `mpremote connect socket://127.0.0.1:PORT`.
// One client at a time; a second connection replaces the first.
import { createServer } from 'net';

export function serveConsole(board, port, onInput = null) {
    return new Promise((resolve, reject) => {
        let client = null;
        const forward = (data) => {
            if (client && !client.destroyed) {
                client.write(Buffer.from(data));
            }
        };
        board.consoleListeners.add(forward);
        const handle = { port: 0, onConnect: null, onDisconnect: null };
        const server = createServer((sock) => {
            if (client) {
                client.destroy();
            }
            client = sock;
            sock.setNoDelay(true);
            if (handle.onConnect) {
                handle.onConnect();
            }
            sock.on('data', (data) => {
                board.sendConsole(data);
                if (onInput) {
                    onInput();
                }
            });
            sock.on('error', () => {});
            sock.on('close', () => {
                if (client === sock) {
                    client = null;
                }
                if (handle.onDisconnect) {
                    handle.onDisconnect();
                }
            });
        });
        server.on('error', reject);
        server.listen(port, '127.0.0.1', () => {
            handle.port = server.address().port;
            handle.close = () => {
                board.consoleListeners.delete(forward);
                if (client) {
                    client.destroy();
                }
                server.close();
            };
            resolve(handle);
        });
    });
}
