package org.gatehouse.rest.internal.system;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A {@link PluginPlatform} in memory: a few features, the metatype of an SMS channel (as DS builds it from its
 * {@code @ObjectClassDefinition}), and factory configurations in a map.
 */
final class MemoryPlatform implements PluginPlatform {
    static final String SMS = "org.gatehouse.notify.sms.http";

    final Map<String, Feature> features = new ConcurrentHashMap<>();
    final Map<String, Instance> instances = new ConcurrentHashMap<>();
    final List<String> jobs = new CopyOnWriteArrayList<>();
    volatile boolean featuresPresent = true;
    /** When set, a feature job waits for it (a slow download). */
    volatile CountDownLatch gate;

    MemoryPlatform() {
        feature("gatehouse", true);
        feature("gatehouse-core", true);
        feature("gatehouse-shell", true);
        feature("gatehouse-demo", true);
        feature("gatehouse-notify-mqtt", false);
        feature("camel-core", true);
    }

    private void feature(String name, boolean installed) {
        features.put(name, new Feature(name, "0.1.0", name + " feature", installed));
    }

    @Override
    public Optional<FeatureCatalog> features() {
        if (!featuresPresent) {
            return Optional.empty();
        }
        return Optional.of(new FeatureCatalog() {
            @Override
            public List<Feature> list() {
                return new ArrayList<>(features.values());
            }

            @Override
            public Set<String> platform() {
                return Set.of("gatehouse", "gatehouse-core", "gatehouse-shell");
            }

            @Override
            public void install(String name) throws Exception {
                change(name, true);
            }

            @Override
            public void uninstall(String name) throws Exception {
                change(name, false);
            }
        });
    }

    private void change(String name, boolean installed) throws InterruptedException {
        CountDownLatch g = gate;
        if (g != null && !g.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate not opened");
        }
        jobs.add((installed ? "install " : "uninstall ") + name);
        feature(name, installed);
    }

    @Override
    public Map<String, ObjectClassDefinition> factories() {
        return Map.of(SMS, sms());
    }

    @Override
    public List<Instance> instances() {
        return instances.values().stream().sorted(java.util.Comparator.comparing(Instance::pid)).toList();
    }

    @Override
    public Instance create(String factoryPid, String alias, Map<String, Object> properties) {
        Instance i = new Instance(factoryPid + "~" + alias, factoryPid, alias, new LinkedHashMap<>(properties));
        instances.put(i.pid(), i);
        return i;
    }

    @Override
    public void update(String pid, Map<String, Object> properties) {
        Instance i = instances.get(pid);
        instances.put(pid, new Instance(pid, i.factoryPid(), i.alias(), new LinkedHashMap<>(properties)));
    }

    @Override
    public void delete(String pid) {
        instances.remove(pid);
    }

    @Override
    public Status status(Instance instance) {
        return instance.properties().containsKey("url") ? new Status("active", null)
                : new Status("unsatisfied", "waiting for its configuration");
    }

    /** The metatype of the HTTP SMS channel, reduced to what the tests need. */
    static ObjectClassDefinition sms() {
        return new Ocd(SMS, "HTTP SMS gateway", "Sends SMS through an HTTP gateway", List.of(
                new Ad("url", "URL", "Gateway address", AttributeDefinition.STRING, 0, null, null, null, true),
                new Ad("api.key", "API key", "Key of the account", AttributeDefinition.STRING, 0, new String[] {""},
                        null, null, true),
                new Ad("password", "Password", "Password of the account", AttributeDefinition.PASSWORD, 0, null,
                        null, null, false),
                new Ad("timeout.ms", "Timeout", "Per request", AttributeDefinition.INTEGER, 0, new String[] {"5000"},
                        null, null, true),
                new Ad("method", "Method", "HTTP method", AttributeDefinition.STRING, 0, new String[] {"POST"},
                        new String[] {"GET", "POST"}, new String[] {"GET (query)", "POST (form)"}, true),
                new Ad("enabled", "Enabled", "Sends at all", AttributeDefinition.BOOLEAN, 0, new String[] {"true"},
                        null, null, true),
                new Ad("headers", "Headers", "Extra headers", AttributeDefinition.STRING, 10, null, null, null,
                        false),
                new Ad("provider", "Provider", "Provider name", AttributeDefinition.STRING, 0,
                        new String[] {"sms-http"}, null, null, true)));
    }

    /** The name, id and description that both metatype interfaces have. */
    abstract static class Described {
        private final String id;
        private final String name;
        private final String description;

        Described(String id, String name, String description) {
            this.id = id;
            this.name = name;
            this.description = description;
        }

        public String getName() {
            return name;
        }

        public String getID() {
            return id;
        }

        public String getDescription() {
            return description;
        }
    }

    /** An object class definition with its attributes. */
    static final class Ocd extends Described implements ObjectClassDefinition {
        private final List<Ad> ads;

        Ocd(String id, String name, String description, List<Ad> ads) {
            super(id, name, description);
            this.ads = ads;
        }

        @Override
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            return ads.stream().filter(a -> filter == ALL || (filter == REQUIRED) == a.required)
                    .toArray(AttributeDefinition[]::new);
        }

        @Override
        public InputStream getIcon(int size) {
            return null;
        }
    }

    /** An attribute definition; {@code validate} refuses a URL without a scheme, as a metatype may. */
    static final class Ad extends Described implements AttributeDefinition {
        private final int type;
        private final int cardinality;
        private final String[] defaults;
        private final String[] values;
        private final String[] labels;
        private final boolean required;

        Ad(String id, String name, String description, int type, int cardinality, String[] defaults, String[] values,
           String[] labels, boolean required) {
            super(id, name, description);
            this.type = type;
            this.cardinality = cardinality;
            this.defaults = defaults;
            this.values = values;
            this.labels = labels;
            this.required = required;
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return values;
        }

        @Override
        public String[] getOptionLabels() {
            return labels;
        }

        @Override
        public String validate(String value) {
            if (getID().equals("url")) {
                return value.startsWith("http://") || value.startsWith("https://") ? "" : "not an http(s) URL";
            }
            return null;
        }

        @Override
        public String[] getDefaultValue() {
            return defaults;
        }
    }
}
