package dev.tokengate.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real redis-server for the tests: {@code redis-server} from the PATH if there is one, otherwise
 * the binary shipped inside the {@code com.github.codemonstur:embedded-redis} jar. Never skips:
 * without either, the tests fail with a message that says what to install.
 *
 * <p>Published in this module's test jar so that other modules' tests (the example gateway's)
 * run against the same kind of server.
 *
 * <p>Runs with AOF on and {@code appendfsync always} in its own data directory, so that a
 * SIGKILL followed by a restart on the same port keeps every acknowledged write.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static RedisServerProcess shared;

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServerProcess(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** One server for the whole test JVM, stopped when the JVM exits. */
    public static synchronized RedisServerProcess shared() {
        if (shared == null) {
            shared = start();
            RedisServerProcess s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return shared;
    }

    /** A server of its own, for a test that stops and restarts it. */
    public static RedisServerProcess start() {
        try {
            RedisServerProcess p = new RedisServerProcess(binary(), Files.createTempDirectory("tokengate-redis-data"), freePort());
            p.restart();
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a redis-server for the tests: " + e, e);
        }
    }

    public int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (again) on the same port and data directory; returns once it answers PING. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is running already");
        }
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                "--protected-mode", "no", "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!answersPing()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server " + binary + " exited with " + process.exitValue() + "; log: " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server " + binary + " did not answer PING on port " + port + " within 15 s; log: " + log());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("redis-server did not die");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void close() {
        kill();
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            Path f = dir.resolve("stdout.log");
            return Files.exists(f) ? Files.readString(f) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static Path binary() throws IOException {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, "redis-server");
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        String resource = null;
        if (os.contains("linux") && x64) {
            resource = "redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("linux") && arm64) {
            resource = "redis-server-6.2.7-linux-arm64";
        } else if (os.contains("mac") && x64) {
            resource = "redis-server-6.2.6-v5-darwin-amd64";
        } else if (os.contains("mac") && arm64) {
            resource = "redis-server-6.2.6-v5-darwin-arm64";
        }
        InputStream in = resource == null ? null : RedisServerProcess.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("The redis tests need a real Redis server and found none: no 'redis-server' on the PATH "
                    + "and no binary for " + os + "/" + arch + " in the embedded-redis test jar. Install Redis "
                    + "(e.g. apt-get install redis-server) and run the tests again.");
        }
        Path dir = Files.createTempDirectory("tokengate-redis-bin");
        Path bin = dir.resolve("redis-server");
        try (in) {
            Files.copy(in, bin, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!bin.toFile().setExecutable(true, true)) {
            throw new IllegalStateException("cannot make " + bin + " executable");
        }
        return bin;
    }
}
