package org.gatehouse.rest.internal.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.gatehouse.api.service.AuditService;
import org.gatehouse.api.service.HealthService;
import org.gatehouse.rest.internal.Services;
import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.ErrorMappers;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugin management: the Gatehouse features of the distribution (install, uninstall), the metatype of the factory
 * PIDs as forms, and their instances (create, edit, delete) with secrets masked. Every change is audited with the
 * actor and the PID or feature, never a value. A feature install or uninstall runs on one background thread; the
 * request waits up to {@code waitMillis} and answers 202 when the job is still running (its state is then in
 * {@code GET /plugins/features}).
 */
public final class PluginAdmin implements AutoCloseable {
    /** What a secret's value is replaced by in answers; sent back unchanged, it keeps the stored value. */
    public static final String MASK = "********";
    /** The platform features, never uninstalled through the API (besides every feature {@code gatehouse} needs). */
    static final Set<String> BASE = Set.of("gatehouse", "gatehouse-api", "gatehouse-core", "gatehouse-rest",
            "gatehouse-console");
    private static final Logger LOG = LoggerFactory.getLogger("org.gatehouse.rest");
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "key");
    private static final java.util.regex.Pattern ALIAS = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Supplier<PluginPlatform> platform;
    private final Services services;
    private final long waitMillis;
    private ExecutorService jobs;
    private final Map<String, String> states = new ConcurrentHashMap<>();

    /**
     * @param platform   the container, null while there is none (plugin management answers 503)
     * @param waitMillis how long a feature request waits for its job before answering 202
     */
    public PluginAdmin(Supplier<PluginPlatform> platform, Services services, long waitMillis) {
        this.platform = platform;
        this.services = services;
        this.waitMillis = waitMillis;
    }

    // ---- answers

    /**
     * A Gatehouse feature.
     *
     * @param state {@code installing}, {@code uninstalling} or {@code failed: <reason>} while or after a job; null
     *              otherwise
     */
    public record FeatureView(String name, String version, String description, boolean installed, boolean required,
                              String state) {
    }

    /** A factory PID with its form. */
    public record FactoryView(String factoryPid, String name, String description, List<AttributeView> attributes) {
    }

    /** One field of a factory's form. */
    public record AttributeView(String id, String name, String description, String type, boolean required,
                                int cardinality, List<String> defaults, List<OptionView> options, boolean secret) {
    }

    /** One choice of a field. */
    public record OptionView(String label, String value) {
    }

    /** An instance with its secrets masked and the state of its component. */
    public record InstanceView(String pid, String factoryPid, String alias, Map<String, Object> properties,
                               String status, String message) {
    }

    /** One problem of a submitted configuration. */
    public record Problem(String field, String code, String message) {
    }

    /** Body of a 400 {@code invalid-config}: the usual error fields and every field's problem. */
    public record ConfigRejected(String error, String message, int status, List<Problem> problems) {
    }

    /** A configuration that does not fit its metatype. */
    public static final class InvalidConfig extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        InvalidConfig(List<Problem> problems) {
            super(problems.size() + " field(s) invalid", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public ConfigRejected body() {
            return new ConfigRejected("invalid-config", getMessage() + ": " + String.join("; ",
                    problems.stream().map(p -> p.field() + " " + p.message()).toList()), 400, problems);
        }
    }

    /** The outcome of a feature request: the feature, and whether its job still runs. */
    public record FeatureResult(FeatureView feature, boolean running) {
    }

    // ---- features

    /** @return the Gatehouse features, by name */
    public List<FeatureView> features() {
        PluginPlatform.FeatureCatalog catalog = catalog();
        Set<String> required = required(catalog);
        return catalog.list().stream().filter(f -> f.name().startsWith("gatehouse"))
                .map(f -> view(f, required))
                .sorted(java.util.Comparator.comparing(FeatureView::name)).distinct().toList();
    }

    /** Installs a feature (nothing to do when it is installed). */
    public FeatureResult install(String name, String actor) {
        return job(name, actor, true);
    }

    /** Uninstalls a feature; the platform features are refused with 409 {@code required-feature}. */
    public FeatureResult uninstall(String name, String actor) {
        return job(name, actor, false);
    }

    private FeatureResult job(String name, String actor, boolean install) {
        PluginPlatform.FeatureCatalog catalog = catalog();
        PluginPlatform.Feature feature = find(catalog, name);
        Set<String> required = required(catalog);
        if (!install && required.contains(name)) {
            throw new ApiException(409, "required-feature", "feature " + name + " is part of the Gatehouse platform"
                    + " and cannot be uninstalled here");
        }
        String running = states.get(name);
        if (running != null && !running.startsWith("failed")) {
            throw new ApiException(409, "feature-busy", "feature " + name + " is " + running);
        }
        if (feature.installed() == install) {
            return new FeatureResult(view(feature, required), false);
        }
        String verb = install ? "installing" : "uninstalling";
        states.put(name, verb);
        Future<?> done = jobs().submit(() -> {
            try {
                if (install) {
                    catalog.install(name);
                } else {
                    catalog.uninstall(name);
                }
                states.remove(name);
                audit(actor, install ? "feature-installed" : "feature-uninstalled", "feature", name, null);
                LOG.info("Feature {} {} by {}", name, install ? "installed" : "uninstalled", actor);
            } catch (Exception e) {
                states.put(name, "failed: " + e.getMessage());
                LOG.warn("Feature {} not {} (asked by {}): {}", name, install ? "installed" : "uninstalled", actor,
                        e.getMessage());
                throw e;
            }
            return null;
        });
        try {
            done.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new FeatureResult(view(feature, required), true);
        } catch (ExecutionException e) {
            throw new ApiException(500, "feature-failed", "feature " + name + " not " + (install ? "installed"
                    : "uninstalled") + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, ErrorMappers.SERVICE_UNAVAILABLE, "interrupted");
        }
        return new FeatureResult(view(find(catalog, name), required), false);
    }

    private PluginPlatform.FeatureCatalog catalog() {
        return platform().features().orElseThrow(() -> new ApiException(503, ErrorMappers.SERVICE_UNAVAILABLE,
                "FeaturesService is not available (Karaf's feature service is needed to manage features)"));
    }

    private static PluginPlatform.Feature find(PluginPlatform.FeatureCatalog catalog, String name) {
        return catalog.list().stream().filter(f -> f.name().equals(name) && name.startsWith("gatehouse"))
                .findFirst().orElseThrow(() -> ApiException.notFound("unknown-feature",
                        "no Gatehouse feature " + name + " in the distribution's repositories"));
    }

    private static Set<String> required(PluginPlatform.FeatureCatalog catalog) {
        Set<String> out = new HashSet<>(BASE);
        out.addAll(catalog.platform());
        return out;
    }

    private FeatureView view(PluginPlatform.Feature f, Set<String> required) {
        return new FeatureView(f.name(), f.version(), f.description(), f.installed(), required.contains(f.name()),
                states.get(f.name()));
    }

    // ---- factories and instances

    /** @return the form of every Gatehouse factory PID with a metatype */
    public List<FactoryView> factories() {
        return platform().factories().entrySet().stream().map(e -> factory(e.getKey(), e.getValue())).toList();
    }

    /** @return the metatype of a factory PID as its form */
    static FactoryView factory(String factoryPid, ObjectClassDefinition ocd) {
        Set<String> required = ids(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED));
        List<AttributeView> attributes = new ArrayList<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            List<OptionView> options = new ArrayList<>();
            String[] values = ad.getOptionValues();
            String[] labels = ad.getOptionLabels();
            if (values != null) {
                for (int i = 0; i < values.length; i++) {
                    options.add(new OptionView(labels != null && i < labels.length ? labels[i] : values[i],
                            values[i]));
                }
            }
            String[] defaults = ad.getDefaultValue();
            attributes.add(new AttributeView(ad.getID(), ad.getName(), ad.getDescription(), type(ad.getType()),
                    required.contains(ad.getID()), ad.getCardinality(),
                    defaults == null ? List.of() : List.of(defaults), options, secret(ad.getID(), ad.getType())));
        }
        return new FactoryView(factoryPid, ocd.getName(), ocd.getDescription(), attributes);
    }

    /** @return the JSON name of a metatype type */
    static String type(int type) {
        switch (type) {
            case AttributeDefinition.INTEGER:
            case AttributeDefinition.SHORT:
            case AttributeDefinition.BYTE:
                return "integer";
            case AttributeDefinition.LONG:
                return "long";
            case AttributeDefinition.BOOLEAN:
                return "boolean";
            case AttributeDefinition.DOUBLE:
            case AttributeDefinition.FLOAT:
                return "double";
            case AttributeDefinition.PASSWORD:
                return "password";
            case AttributeDefinition.CHARACTER:
                return "char";
            default:
                return "string";
        }
    }

    /** @return whether a value is a secret: a PASSWORD attribute, or an id naming a password, secret, token or key */
    static boolean secret(String id, int type) {
        if (type == AttributeDefinition.PASSWORD) {
            return true;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** @return every instance of a Gatehouse factory PID with secrets masked, and its component's state */
    public List<InstanceView> instances() {
        PluginPlatform p = platform();
        Map<String, ObjectClassDefinition> factories = p.factories();
        List<InstanceView> out = new ArrayList<>();
        for (PluginPlatform.Instance i : p.instances()) {
            out.add(view(p, i, factories.get(i.factoryPid())));
        }
        return out;
    }

    /**
     * Creates an instance after checking its properties against the factory's metatype.
     *
     * @throws InvalidConfig      for properties that do not fit (or a bad alias)
     * @throws ApiException       404 {@code unknown-factory}, 409 {@code instance-exists}
     */
    public InstanceView create(String factoryPid, String alias, Map<String, Object> properties, String actor) {
        PluginPlatform p = platform();
        if (factoryPid == null || factoryPid.isBlank()) {
            throw new InvalidConfig(List.of(new Problem("factoryPid", "required", "is required")));
        }
        ObjectClassDefinition ocd = p.factories().get(factoryPid);
        if (ocd == null) {
            throw ApiException.notFound("unknown-factory", "no installed Gatehouse plugin has factory PID "
                    + factoryPid + " (GET /plugins/factories lists them)");
        }
        List<Problem> problems = new ArrayList<>();
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            problems.add(new Problem("alias", "bad-alias", "must be lower-case words joined by '-' (school-sms)"));
        }
        Map<String, Object> values = validate(ocd, properties, Map.of(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfig(problems);
        }
        if (p.instances().stream().anyMatch(i -> i.factoryPid().equals(factoryPid) && i.alias().equals(alias))) {
            throw new ApiException(409, "instance-exists", "an instance " + alias + " of " + factoryPid
                    + " exists already");
        }
        PluginPlatform.Instance created = p.create(factoryPid, alias, values);
        audit(actor, "plugin-instance-created", "plugin-instance", created.pid(), "keys: "
                + String.join(", ", new java.util.TreeSet<>(values.keySet())));
        return view(p, created, ocd);
    }

    /**
     * Replaces an instance's properties; a secret sent back as {@link #MASK} keeps its stored value.
     *
     * @throws InvalidConfig for properties that do not fit
     * @throws ApiException  404 {@code unknown-instance}
     */
    public InstanceView update(String pid, Map<String, Object> properties, String actor) {
        PluginPlatform p = platform();
        PluginPlatform.Instance current = instance(p, pid);
        ObjectClassDefinition ocd = p.factories().get(current.factoryPid());
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> values = validate(ocd, properties, current.properties(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfig(problems);
        }
        p.update(pid, values);
        audit(actor, "plugin-instance-updated", "plugin-instance", pid, "keys: " + String.join(", ",
                new java.util.TreeSet<>(values.keySet())));
        return view(p, instance(p, pid), ocd);
    }

    /** Deletes an instance. */
    public void delete(String pid, String actor) {
        PluginPlatform p = platform();
        instance(p, pid);
        p.delete(pid);
        audit(actor, "plugin-instance-deleted", "plugin-instance", pid, null);
    }

    private static PluginPlatform.Instance instance(PluginPlatform p, String pid) {
        return p.instances().stream().filter(i -> i.pid().equals(pid)).findFirst().orElseThrow(() ->
                ApiException.notFound("unknown-instance", "no plugin instance " + pid));
    }

    private InstanceView view(PluginPlatform p, PluginPlatform.Instance i, ObjectClassDefinition ocd) {
        PluginPlatform.Status s = p.status(i);
        String message = s.message();
        if (message == null && "active".equals(s.status())) {
            message = health(i);
        }
        return new InstanceView(i.pid(), i.factoryPid(), i.alias(), mask(i.properties(), ocd), s.status(), message);
    }

    /**
     * @return what the HealthService reports of the plugin an active instance made (a channel by its provider, a
     *         driver by its device id), as {@code channel it-sms: UP}; null when it reports nothing of it
     */
    private String health(PluginPlatform.Instance i) {
        if (!services.available(HealthService.class)) {
            return null;
        }
        Set<String> names = new HashSet<>();
        names.add(i.alias());
        for (String key : List.of("provider", "device.id", "id")) {
            Object v = i.properties().get(key);
            if (v != null) {
                names.add(v.toString());
            }
        }
        try {
            return services.get(HealthService.class).plugins().stream().filter(x -> names.contains(x.id()))
                    .findFirst().map(x -> x.kind() + " " + x.id() + ": " + x.status()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return the properties with every non-empty secret replaced by {@link #MASK} */
    static Map<String, Object> mask(Map<String, Object> properties, ObjectClassDefinition ocd) {
        Map<String, AttributeDefinition> ads = definitions(ocd);
        Map<String, Object> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            AttributeDefinition ad = ads.get(k);
            boolean hidden = secret(k, ad == null ? AttributeDefinition.STRING : ad.getType());
            out.put(k, hidden && !empty(v) ? MASK : v);
        });
        return out;
    }

    /**
     * Checks submitted properties against a metatype and converts them to what ConfigurationAdmin stores (a String,
     * or a String array for a multi-valued attribute). Without a metatype the values are taken as they are.
     *
     * @param stored   the instance's current properties: a secret sent as {@link #MASK} takes its stored value
     * @param problems receives each field's problem
     * @return the properties to store
     */
    static Map<String, Object> validate(ObjectClassDefinition ocd, Map<String, Object> submitted,
                                        Map<String, Object> stored, List<Problem> problems) {
        Map<String, Object> in = submitted == null ? Map.of() : submitted;
        Map<String, AttributeDefinition> ads = definitions(ocd);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            AttributeDefinition ad = ads.get(key);
            int type = ad == null ? AttributeDefinition.STRING : ad.getType();
            if (MASK.equals(value) && secret(key, type)) {
                if (stored.containsKey(key)) {
                    out.put(key, stored.get(key));
                } else {
                    problems.add(new Problem(key, "no-stored-secret", "has no stored value to keep; send the value"));
                }
                continue;
            }
            if (value == null) {
                continue;
            }
            if (ocd != null && ad == null) {
                if (key.endsWith(".target") || key.equals("service.ranking")) {
                    out.put(key, String.valueOf(value));
                } else {
                    problems.add(new Problem(key, "unknown-attribute", "is not an attribute of " + ocd.getID()));
                }
                continue;
            }
            Object converted = convert(key, value, ad, problems);
            if (converted != null) {
                out.put(key, converted);
            }
        }
        for (String id : ocd == null ? Set.<String>of() : ids(ocd.getAttributeDefinitions(
                ObjectClassDefinition.REQUIRED))) {
            AttributeDefinition ad = ads.get(id);
            boolean hasDefault = ad.getDefaultValue() != null && ad.getDefaultValue().length > 0;
            if (!hasDefault && (!out.containsKey(id) || empty(out.get(id)))
                    && problems.stream().noneMatch(p -> p.field().equals(id))) {
                problems.add(new Problem(id, "required", "is required"));
            }
        }
        return out;
    }

    private static Object convert(String key, Object value, AttributeDefinition ad, List<Problem> problems) {
        List<String> items = new ArrayList<>();
        boolean list = value instanceof List<?> || value instanceof Object[];
        if (value instanceof List<?> l) {
            l.forEach(x -> items.add(x == null ? "" : String.valueOf(x)));
        } else if (value instanceof Object[] a) {
            Arrays.stream(a).forEach(x -> items.add(x == null ? "" : String.valueOf(x)));
        } else if (value instanceof Map<?, ?>) {
            problems.add(new Problem(key, "bad-type", "must be a value, not an object"));
            return null;
        } else {
            items.add(String.valueOf(value));
        }
        if (ad == null) {
            return list ? items.toArray(new String[0]) : items.get(0);
        }
        int cardinality = ad.getCardinality();
        if (list && cardinality == 0) {
            problems.add(new Problem(key, "not-a-list", "takes one value, not a list"));
            return null;
        }
        if (cardinality != 0 && items.size() > Math.abs(cardinality)) {
            problems.add(new Problem(key, "too-many", "takes at most " + Math.abs(cardinality) + " values"));
            return null;
        }
        for (String item : items) {
            String problem = check(item, ad);
            if (problem != null) {
                problems.add(new Problem(key, problem.substring(0, problem.indexOf(' ')),
                        problem.substring(problem.indexOf(' ') + 1)));
                return null;
            }
        }
        return cardinality == 0 ? items.get(0) : items.toArray(new String[0]);
    }

    /** @return "code message" of the first problem of one value, or null when it fits */
    private static String check(String v, AttributeDefinition ad) {
        boolean blank = v.isEmpty();
        try {
            switch (ad.getType()) {
                case AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> {
                    if (!blank) {
                        Integer.parseInt(v.trim());
                    }
                }
                case AttributeDefinition.LONG -> {
                    if (!blank) {
                        Long.parseLong(v.trim());
                    }
                }
                case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> {
                    if (!blank) {
                        Double.parseDouble(v.trim());
                    }
                }
                case AttributeDefinition.BOOLEAN -> {
                    if (!blank && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        return "bad-type must be true or false";
                    }
                }
                case AttributeDefinition.CHARACTER -> {
                    if (v.length() != 1) {
                        return "bad-type must be one character";
                    }
                }
                default -> {
                    // strings and passwords take any text
                }
            }
        } catch (NumberFormatException e) {
            return "bad-type must be " + ("integer".equals(type(ad.getType())) ? "an integer"
                    : "long".equals(type(ad.getType())) ? "a whole number" : "a number");
        }
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0 && !blank && !Arrays.asList(options).contains(v)) {
            return "not-an-option must be one of " + String.join(", ", options);
        }
        String verdict = blank ? null : ad.validate(v);
        if (verdict != null && !verdict.isEmpty()) {
            return "invalid " + verdict;
        }
        return null;
    }

    private static boolean empty(Object v) {
        return v == null || v instanceof String s && s.isEmpty()
                || v instanceof Object[] a && a.length == 0;
    }

    private static Map<String, AttributeDefinition> definitions(ObjectClassDefinition ocd) {
        Map<String, AttributeDefinition> out = new LinkedHashMap<>();
        AttributeDefinition[] all = ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (all != null) {
            for (AttributeDefinition ad : all) {
                out.put(ad.getID(), ad);
            }
        }
        return out;
    }

    private static Set<String> ids(AttributeDefinition[] ads) {
        Set<String> out = new HashSet<>();
        if (ads != null) {
            for (AttributeDefinition ad : ads) {
                out.add(ad.getID());
            }
        }
        return out;
    }

    /** @return whether a configuration key belongs to the container, not to the plugin */
    static boolean containerKey(String key) {
        return key.startsWith("felix.fileinstall.") || key.equals("service.pid") || key.equals("service.factoryPid")
                || key.equals("service.bundleLocation") || key.equals("component.name") || key.equals("component.id");
    }

    private PluginPlatform platform() {
        PluginPlatform p = platform.get();
        if (p == null) {
            throw new ApiException(503, ErrorMappers.SERVICE_UNAVAILABLE, "plugin management needs the OSGi"
                    + " container (ConfigurationAdmin, MetaTypeService)");
        }
        return p;
    }

    private void audit(String actor, String action, String subjectType, String subjectId, String detail) {
        if (services.available(AuditService.class)) {
            try {
                services.get(AuditService.class).record(actor, action, subjectType, subjectId, detail);
            } catch (RuntimeException e) {
                LOG.warn("{} of {} not audited: {}", action, subjectId, e.getMessage());
            }
        }
    }

    private synchronized ExecutorService jobs() {
        if (jobs == null) {
            jobs = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "gatehouse-features");
                t.setDaemon(true);
                return t;
            });
        }
        return jobs;
    }

    /** Stops the feature job thread (a running job is interrupted). */
    @Override
    public synchronized void close() {
        if (jobs != null) {
            jobs.shutdownNow();
            jobs = null;
        }
    }
}
