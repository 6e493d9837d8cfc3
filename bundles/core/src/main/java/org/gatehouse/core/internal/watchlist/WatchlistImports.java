package org.gatehouse.core.internal.watchlist;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.watchlist.WatchlistImport;
import org.gatehouse.api.watchlist.WatchlistRequest;
import org.gatehouse.core.internal.person.Csv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk imports of the watchlist: a CSV ({@code name,reason,risk,source,expires,photo}, UTF-8 with or without BOM)
 * and the photos it names, relative to the CSV, from a zip or a folder on the server. The file is checked at once
 * (a zip that is not one, no CSV or several, a bad header, too large); the rows run one by one on a background
 * thread, and a bad row (a missing name, a corrupt photo, a face of an enrolled person) is noted in the job's errors
 * and creates nothing, without stopping the others. Jobs live in memory (the last {@value #KEEP_JOBS}).
 */
final class WatchlistImports {
    private static final Logger LOG = LoggerFactory.getLogger(WatchlistImports.class);
    /** Rows of one file. */
    static final int MAX_ROWS = 10_000;
    /** Bytes of the CSV. */
    static final int MAX_CSV_BYTES = 5 * 1024 * 1024;
    /** Bytes of one photo. */
    static final int MAX_PHOTO_BYTES = 16 * 1024 * 1024;
    /** Bytes of a zip, and of everything it unpacks to. */
    static final long MAX_ZIP_BYTES = 512L * 1024 * 1024;
    /** Files in a zip. */
    static final int MAX_FILES = MAX_ROWS + 100;
    static final int KEEP_JOBS = 50;
    static final List<String> COLUMNS = List.of("name", "reason", "risk", "source", "expires", "photo");

    private final WatchlistServiceImpl watchlist;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gatehouse-watchlist-import");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, WatchlistImport> jobs = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    WatchlistImports(WatchlistServiceImpl watchlist) {
        this.watchlist = watchlist;
    }

    /** Where the photos of a file come from: a name relative to the CSV -> bytes, or null when missing. */
    private interface Photos {
        byte[] read(String name) throws IOException;
    }

    WatchlistImport startZip(byte[] zip, String actor) {
        if (zip == null || zip.length == 0) {
            throw GatehouseException.invalid("import-empty", "the zip is empty");
        }
        if (zip.length > MAX_ZIP_BYTES) {
            throw GatehouseException.invalid("import-too-large", "the zip has " + zip.length + " bytes, more than "
                    + MAX_ZIP_BYTES);
        }
        Map<String, byte[]> files = unzip(zip);
        List<String> csvs = files.keySet().stream().filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".csv")).toList();
        String csv = single(csvs, "the zip");
        String dir = csv.contains("/") ? csv.substring(0, csv.lastIndexOf('/') + 1) : "";
        return start(files.get(csv), name -> files.get(dir + clean(name)), actor, "zip");
    }

    WatchlistImport startFolder(Path folder, String actor) {
        if (folder == null || !Files.isDirectory(folder)) {
            throw GatehouseException.invalid("import-folder", "'" + folder + "' is not a folder");
        }
        Path dir = folder.toAbsolutePath().normalize();
        List<Path> csvs;
        try (Stream<Path> s = Files.list(dir)) {
            csvs = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                    && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw GatehouseException.invalid("import-folder", "cannot list '" + dir + "': " + e.getMessage());
        }
        Path csv = dir.resolve(single(csvs.stream().map(p -> p.getFileName().toString()).toList(), "the folder"));
        byte[] text = read(csv, MAX_CSV_BYTES, "the CSV");
        return start(text, name -> {
            Path p = dir.resolve(clean(name)).normalize();
            if (!p.startsWith(dir) || !Files.isRegularFile(p)) {
                return null;
            }
            return read(p, MAX_PHOTO_BYTES, "photo " + name);
        }, actor, "folder " + dir);
    }

    Optional<WatchlistImport> job(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    void stop() {
        worker.shutdownNow();
    }

    // ---------------------------------------------------------------- the job

    private WatchlistImport start(byte[] csvBytes, Photos photos, String actor, String from) {
        if (csvBytes.length > MAX_CSV_BYTES) {
            throw GatehouseException.invalid("csv-too-large", "the CSV has " + csvBytes.length + " bytes, more than "
                    + MAX_CSV_BYTES);
        }
        List<Csv.Row> rows = Csv.parse(Csv.decode(csvBytes));
        if (rows.isEmpty()) {
            throw GatehouseException.invalid("csv-empty", "the CSV has no header row");
        }
        Map<String, Integer> col = header(rows.get(0));
        List<Csv.Row> data = rows.subList(1, rows.size());
        if (data.size() > MAX_ROWS) {
            throw GatehouseException.invalid("csv-too-large", "the CSV has " + data.size() + " rows, at most "
                    + MAX_ROWS);
        }
        String id = "imp-" + ids.incrementAndGet();
        WatchlistImport job = new WatchlistImport(id, "running", data.size(), 0, 0, List.of(), Instant.now(), null);
        put(job);
        LOG.info("Watchlist import {} started by {} from {}: {} rows", id, actor, from, data.size());
        worker.submit(() -> run(job, data, col, photos, actor));
        return job;
    }

    private void run(WatchlistImport job, List<Csv.Row> rows, Map<String, Integer> col, Photos photos,
                     String actor) {
        int done = 0;
        int created = 0;
        List<String> errors = new ArrayList<>();
        try {
            for (Csv.Row row : rows) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                try {
                    row(row, col, photos, actor);
                    created++;
                } catch (GatehouseException e) {
                    errors.add(row.line() + ": " + e.code() + " " + e.getMessage());
                } catch (IOException e) {
                    errors.add(row.line() + ": photo-unreadable " + e.getMessage());
                }
                done++;
                put(new WatchlistImport(job.id(), "running", job.total(), done, created, List.copyOf(errors),
                        job.started(), null));
            }
            put(new WatchlistImport(job.id(), "done", job.total(), done, created, List.copyOf(errors), job.started(),
                    Instant.now()));
            LOG.info("Watchlist import {} done: {} of {} rows created, {} refused", job.id(), created, job.total(),
                    errors.size());
        } catch (RuntimeException e) {
            errors.add((done + 2) + ": failed " + e);
            put(new WatchlistImport(job.id(), "failed", job.total(), done, created, List.copyOf(errors),
                    job.started(), Instant.now()));
            LOG.error("Watchlist import {} failed at row {}: {}", job.id(), done + 2, e.toString());
        }
    }

    /** Imports one row: an entry with its photo, or nothing. */
    private void row(Csv.Row row, Map<String, Integer> col, Photos photos, String actor) throws IOException {
        String photoName = field(row, col, "photo");
        Frame photo = null;
        if (photoName != null) {
            byte[] data = photos.read(photoName);
            if (data == null) {
                throw GatehouseException.invalid("photo-missing", "photo '" + photoName + "' is not in the import");
            }
            photo = new Frame(data, null);
        }
        WatchlistRequest request = new WatchlistRequest(field(row, col, "name"), field(row, col, "reason"),
                field(row, col, "risk"), field(row, col, "source"), expires(field(row, col, "expires")));
        watchlist.createWithPhoto(request, photo, actor);
    }

    /** An expiry: an ISO-8601 instant, or a date (the entry stops matching at its start, UTC). */
    static Instant expires(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw GatehouseException.invalid("bad-expiry", "expires '" + raw + "' is neither yyyy-MM-dd nor an"
                    + " ISO-8601 instant");
        }
    }

    private static String field(Csv.Row row, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        if (i == null || i >= row.fields().size()) {
            return null;
        }
        String v = row.fields().get(i).strip();
        return v.isEmpty() ? null : v;
    }

    private static Map<String, Integer> header(Csv.Row header) {
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                throw GatehouseException.invalid("csv-header", "unknown column '" + header.fields().get(i)
                        + "'; the columns are " + String.join(",", COLUMNS));
            }
            if (col.put(name, i) != null) {
                throw GatehouseException.invalid("csv-header", "column '" + name + "' appears twice");
            }
        }
        if (!col.containsKey("name") || !col.containsKey("reason")) {
            throw GatehouseException.invalid("csv-header", "the header needs at least the columns name and reason; the"
                    + " columns are " + String.join(",", COLUMNS));
        }
        return col;
    }

    private void put(WatchlistImport job) {
        synchronized (jobs) {
            jobs.put(job.id(), job);
            while (jobs.size() > KEEP_JOBS) {
                String oldest = jobs.keySet().iterator().next();
                if (jobs.get(oldest).finished() == null) {
                    break;
                }
                jobs.remove(oldest);
            }
        }
    }

    // ---------------------------------------------------------------- files

    private static String single(List<String> csvs, String where) {
        if (csvs.isEmpty()) {
            throw GatehouseException.invalid("import-no-csv", where + " holds no .csv file");
        }
        if (csvs.size() > 1) {
            throw GatehouseException.invalid("import-several-csv", where + " holds several .csv files: " + csvs);
        }
        return csvs.get(0);
    }

    /** A photo name of the CSV as a relative path: backslashes as slashes, no leading slash. */
    private static String clean(String name) {
        String n = name.replace('\\', '/');
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        return n;
    }

    /** Unpacks a zip in memory within the limits (no directories, no macOS resource forks). */
    static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> files = new HashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName().replace('\\', '/');
                if (e.isDirectory() || name.startsWith("__MACOSX/") || name.contains("/._")
                        || name.startsWith("._")) {
                    continue;
                }
                if (files.size() >= MAX_FILES) {
                    throw GatehouseException.invalid("import-too-large", "the zip holds more than " + MAX_FILES
                            + " files");
                }
                byte[] data = readBounded(in, MAX_PHOTO_BYTES, name);
                total += data.length;
                if (total > MAX_ZIP_BYTES) {
                    throw GatehouseException.invalid("import-too-large", "the zip unpacks to more than "
                            + MAX_ZIP_BYTES + " bytes");
                }
                files.put(name, data);
            }
        } catch (ZipException e) {
            throw GatehouseException.invalid("bad-zip", "the body is not a readable zip: " + e.getMessage());
        } catch (IOException e) {
            throw GatehouseException.invalid("bad-zip", "the zip cannot be read: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw GatehouseException.invalid("bad-zip", "the body is not a zip, or an empty one");
        }
        return files;
    }

    private static byte[] readBounded(InputStream in, int max, String what) throws IOException {
        byte[] data = in.readNBytes(max + 1);
        if (data.length > max) {
            throw GatehouseException.invalid("import-too-large", what + " is larger than " + max + " bytes");
        }
        return data;
    }

    private static byte[] read(Path p, int max, String what) {
        try (InputStream in = Files.newInputStream(p)) {
            return readBounded(in, max, what);
        } catch (IOException e) {
            throw GatehouseException.invalid("import-unreadable", "cannot read " + what + ": " + e.getMessage());
        }
    }
}
