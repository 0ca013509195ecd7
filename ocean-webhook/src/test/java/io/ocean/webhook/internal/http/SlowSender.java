package io.ocean.webhook.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 connection that sends a request's headers and then its body as slowly as the test wants, and reads
 * the answer whenever it comes: what a slow-loris sender does.
 */
public final class SlowSender implements Closeable {

    /** An answer read off the socket. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private SlowSender(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects and sends the headers of a POST declaring {@code contentLength}, then {@code firstBytes}. */
    public static SlowSender open(int port, String path, long contentLength, byte[] firstBytes, String... headers) {
        try {
            SlowSender sender = new SlowSender(new Socket("127.0.0.1", port));
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            sender.out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            sender.out.write(firstBytes);
            sender.out.flush();
            return sender;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends more of the body; false when the server has closed the connection. */
    public boolean send(byte[] more) {
        try {
            out.write(more);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the answer, waiting up to {@code limit}; null when none came (the server still waits for the body). */
    public Answer awaitAnswer(Duration limit) {
        try {
            socket.setSoTimeout((int) limit.toMillis());
            String statusLine = line();
            if (statusLine == null) {
                throw new AssertionError("the server closed the connection without an answer");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
                    new String(body, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closes the connection within {@code limit} (after its answer, if any, was read). */
    public boolean closedByServer(Duration limit) {
        try {
            socket.setSoTimeout((int) limit.toMillis());
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed by the server
        }
    }
}
