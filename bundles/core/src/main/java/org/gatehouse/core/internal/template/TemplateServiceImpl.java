package org.gatehouse.core.internal.template;

import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.store.Db;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.service.TemplateService;

/**
 * Templates: shipped defaults ({@code templates/templates_<lang>.properties}, each checked against its kind when the
 * service is built) and overrides in table TEMPLATES, checked when they are saved.
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.service.TemplateService")
public final class TemplateServiceImpl implements TemplateService {
    private final Db db;
    private final AuditTrail audit;
    private final Map<String, Template> defaults = new HashMap<>();

    public TemplateServiceImpl(Db db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
        for (String lang : LANGUAGES) {
            Properties p = load("templates/templates_" + lang.replace('-', '_') + ".properties");
            for (MessageKind k : TemplateCatalog.KINDS.values()) {
                String subject = p.getProperty(k.kind() + ".subject");
                String body = p.getProperty(k.kind() + ".body");
                if (subject == null || body == null) {
                    throw new IllegalStateException("default template " + k.kind() + "/" + lang + " missing");
                }
                check(k, subject, body); // a broken default is a build error, caught by the unit tests
                defaults.put(key(k.kind(), lang), new Template(k.kind(), lang, subject, body, false, null, null));
            }
        }
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = TemplateServiceImpl.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return p;
    }

    private static String key(String kind, String lang) {
        return kind + "/" + lang;
    }

    /** @return zh-CN for any zh tag, en for anything else */
    public static String language(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh-CN" : "en";
    }

    @Override
    public List<MessageKind> kinds() {
        return List.copyOf(new java.util.TreeMap<>(TemplateCatalog.KINDS).values());
    }

    @Override
    public Optional<MessageKind> kind(String kind) {
        return Optional.ofNullable(kind == null ? null : TemplateCatalog.KINDS.get(kind));
    }

    private MessageKind requireKind(String kind) {
        return kind(kind).orElseThrow(() -> GatehouseException.notFound("unknown-template-kind",
                "message kind '" + kind + "' does not exist; known kinds: " + new TreeSet<>(TemplateCatalog.KINDS.keySet())));
    }

    private static String requireLanguage(String language) {
        if (!LANGUAGES.contains(language)) {
            throw GatehouseException.invalid("bad-language", "language '" + language + "' is not one of " + LANGUAGES);
        }
        return language;
    }

    @Override
    public List<Template> templates(String kind) {
        if (kind != null) {
            requireKind(kind);
        }
        Map<String, Template> custom = new HashMap<>();
        db.tx(c -> Db.list(c, "SELECT * FROM TEMPLATES", TemplateServiceImpl::map))
                .forEach(t -> custom.put(key(t.kind(), t.language()), t));
        List<Template> out = new ArrayList<>();
        for (String k : new TreeSet<>(TemplateCatalog.KINDS.keySet())) {
            if (kind == null || kind.equals(k)) {
                for (String lang : LANGUAGES) {
                    out.add(custom.getOrDefault(key(k, lang), defaults.get(key(k, lang))));
                }
            }
        }
        return out;
    }

    @Override
    public Optional<Template> template(String kind, String language) {
        if (kind == null || !TemplateCatalog.KINDS.containsKey(kind) || !LANGUAGES.contains(language)) {
            return Optional.empty();
        }
        Optional<Template> custom = db.tx(c -> Db.one(c, "SELECT * FROM TEMPLATES WHERE KIND = ? AND LANGUAGE = ?",
                TemplateServiceImpl::map, kind, language));
        return custom.isPresent() ? custom : Optional.of(defaults.get(key(kind, language)));
    }

    /** Checks a template against its kind: syntax, undeclared variables, required variables left out. */
    static void check(MessageKind kind, String subject, String body) {
        Set<String> used = new HashSet<>(TemplateText.variables("subject", subject));
        used.addAll(TemplateText.variables("body", body));
        Set<String> declared = new HashSet<>();
        for (Variable v : kind.variables()) {
            declared.add(v.name());
        }
        for (String u : used) {
            if (!declared.contains(u)) {
                throw GatehouseException.invalid("template-unknown-variable", "{{" + u + "}} is not a variable of "
                        + kind.kind() + "; its variables are " + names(kind));
            }
        }
        for (Variable v : kind.variables()) {
            if (v.required() && !used.contains(v.name())) {
                throw GatehouseException.invalid("template-missing-variable", "a template of " + kind.kind()
                        + " must use {{" + v.name() + "}} (" + v.description() + ")");
            }
        }
    }

    private static List<String> names(MessageKind kind) {
        return kind.variables().stream().map(Variable::name).toList();
    }

    @Override
    public Template save(String kind, String language, String subject, String body, String actor) {
        MessageKind k = requireKind(kind);
        requireLanguage(language);
        String s = Limits.text("subject", subject, 500, true);
        String b = Limits.text("body", body, 4000, true);
        if (s.contains("\n")) {
            throw GatehouseException.invalid("bad-subject", "subject must be one line");
        }
        check(k, s, b);
        long now = System.currentTimeMillis();
        return db.tx(c -> {
            int n = Db.update(c, "UPDATE TEMPLATES SET SUBJECT = ?, BODY = ?, UPDATED_MS = ?, UPDATED_BY = ?"
                    + " WHERE KIND = ? AND LANGUAGE = ?", s, b, now, actor, kind, language);
            if (n == 0) {
                Db.update(c, "INSERT INTO TEMPLATES (KIND, LANGUAGE, SUBJECT, BODY, UPDATED_MS, UPDATED_BY)"
                        + " VALUES (?,?,?,?,?,?)", kind, language, s, b, now, actor);
            }
            audit.record(c, actor, "template-save", "template", key(kind, language), null);
            return new Template(kind, language, s, b, true, Instant.ofEpochMilli(now), actor);
        });
    }

    @Override
    public Template reset(String kind, String language, String actor) {
        requireKind(kind);
        requireLanguage(language);
        db.tx(c -> {
            if (Db.update(c, "DELETE FROM TEMPLATES WHERE KIND = ? AND LANGUAGE = ?", kind, language) > 0) {
                audit.record(c, actor, "template-reset", "template", key(kind, language), null);
            }
            return null;
        });
        return defaults.get(key(kind, language));
    }

    @Override
    public Rendered render(String kind, String language, Map<String, String> values) {
        MessageKind k = requireKind(kind);
        Map<String, String> v = values == null ? Map.of() : values;
        for (Variable var : k.variables()) {
            String val = v.get(var.name());
            if (var.required() && (val == null || val.isBlank())) {
                throw GatehouseException.invalid("template-missing-value", "message kind " + kind + " needs a value for "
                        + var.name() + " (" + var.description() + ")");
            }
        }
        Template t = template(kind, language(language)).orElseThrow();
        return new Rendered(TemplateText.render(t.subject(), v).strip(), TemplateText.render(t.body(), v).strip());
    }

    private static Template map(ResultSet rs) throws SQLException {
        return new Template(rs.getString("KIND"), rs.getString("LANGUAGE"), rs.getString("SUBJECT"),
                rs.getString("BODY"), true, Instant.ofEpochMilli(rs.getLong("UPDATED_MS")), rs.getString("UPDATED_BY"));
    }
}
