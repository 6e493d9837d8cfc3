package org.gatehouse.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.face.FaceModels;
import org.gatehouse.api.face.FaceService;

@Command(scope = "gatehouse", name = "face-models",
        description = "Lists the face model files with their set, licence and sha256 check, and which the active engine uses.")
@Service
public class FaceModelsCommand extends GatehouseAction {
    @Reference
    FaceService faces;

    @Option(name = "-v", aliases = "--verbose", description = "Also show each file's source package and sha256")
    boolean verbose;

    @Option(name = "--lang", description = "Language: en or zh-CN (default: the system's)")
    String lang;

    @Override
    protected void run() {
        System.out.print(text(faces.models(), FaceText.of(lang), verbose));
    }

    static String text(FaceModels m, FaceText t, boolean verbose) {
        ShellTable table = new ShellTable().emptyTableText(t.get("models.empty"));
        table.column(t.get("models.file"));
        table.column(t.get("models.set"));
        table.column(t.get("models.role"));
        table.column(t.get("models.licence"));
        table.column(t.get("models.sha"));
        table.column(t.get("models.active"));
        if (verbose) {
            table.column(t.get("models.source"));
            table.column("sha256");
        }
        for (FaceModels.ModelFile f : m.files()) {
            String sha = !f.installed() ? t.get("models.missing") : FaceModels.CUSTOM.equals(f.set()) ? "-"
                    : t.get(f.sha256Ok() ? "models.yes" : "models.no");
            var row = table.addRow();
            row.addContent(f.file(), f.set(), Formats.orDash(f.role()), f.licence(), sha,
                    f.active() ? t.get("models.yes") : "");
            if (verbose) {
                row.addContent(Formats.orDash(f.source()), Formats.orDash(f.sha256()));
            }
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        table.print(out, true);
        out.println(t.get("models.sets"));
        for (FaceModels.ModelSet s : m.sets()) {
            out.println("  " + s.id() + (s.isDefault() ? t.get("models.default") : "") + ": " + s.licence());
            out.println("    " + s.description());
        }
        out.print(licenceLines(m, t));
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** @return the active set's licence line, and a warning line for unknown licences or changed files */
    static String licenceLines(FaceModels m, FaceText t) {
        StringBuilder b = new StringBuilder(t.get("models.licence-line", m.activeSet(), m.activeLicence())).append('\n');
        List<String> unknown = m.files().stream().filter(f -> f.active() && FaceModels.UNKNOWN.equals(f.licence()))
                .map(f -> Paths.get(f.file()).getFileName().toString()).toList();
        if (!unknown.isEmpty()) {
            b.append(t.get("models.unknown", String.join(", ", unknown))).append('\n');
        }
        List<String> changed = m.files().stream().filter(f -> f.active() && f.installed() && !f.sha256Ok()
                && !FaceModels.CUSTOM.equals(f.set())).map(FaceModels.ModelFile::file).toList();
        if (!changed.isEmpty()) {
            b.append(t.get("models.sha-bad", String.join(", ", changed))).append('\n');
        }
        return b.toString();
    }

    /** @return the licence lines for face-status; one line naming the reason when the catalogue is not available */
    static String licenceLines(FaceService faces, FaceText t) {
        try {
            return licenceLines(faces.models(), t);
        } catch (GatehouseException e) {
            return t.get("models.unavailable", e.getMessage()) + '\n';
        }
    }
}
