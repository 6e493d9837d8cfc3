package org.gatehouse.device.fence.modbus.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Modbus TCP server from another implementation: Debian's python3-pymodbus, run as a process on loopback
 * ({@code modbus_server.py}, test resources). The test sets and reads its tables through the process's stdin.
 */
final class PyModbusServer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final int port;

    private PyModbusServer(int port) throws IOException {
        Path script = Files.createTempFile("modbus_server", ".py");
        try (var s = PyModbusServer.class.getResourceAsStream("/modbus_server.py")) {
            Files.copy(s, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        script.toFile().deleteOnExit();
        process = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            process.destroyForcibly();
            throw new IOException("pymodbus server did not start (needs Debian python3-pymodbus and "
                    + "python3-serial-asyncio): " + ready);
        }
        this.port = Integer.parseInt(ready.substring(6).trim());
    }

    /** Starts a server on a free loopback port. */
    static PyModbusServer start() throws IOException {
        return new PyModbusServer(0);
    }

    /** Starts a server on the given port (a restart of a stopped one). */
    static PyModbusServer start(int port) throws IOException {
        return new PyModbusServer(port);
    }

    int port() {
        return port;
    }

    /** Sets a value: table {@code di}, {@code co}, {@code hr} or {@code ir}. */
    synchronized void set(String table, int address, int value) throws IOException {
        String answer = ask("set " + table + " " + address + " " + value);
        if (!"ok".equals(answer)) {
            throw new IOException("set failed: " + answer);
        }
    }

    /** @return the value at the address */
    synchronized int get(String table, int address) throws IOException {
        return Integer.parseInt(ask("get " + table + " " + address));
    }

    private String ask(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
        return out.readLine();
    }

    /** Stops the server: its port closes, connections drop. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
