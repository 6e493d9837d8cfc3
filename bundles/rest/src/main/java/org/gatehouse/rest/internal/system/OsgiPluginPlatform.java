package org.gatehouse.rest.internal.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.gatehouse.rest.internal.common.ApiException;
import org.gatehouse.rest.internal.common.ErrorMappers;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The {@link PluginPlatform} of a running Karaf: ConfigurationAdmin, the MetaTypeService, the DS runtime and (when
 * present) Karaf's FeaturesService and ConfigRepository, each tracked and read on every call. An instance is written
 * through the ConfigRepository, as {@code config:edit --factory --alias} does, so it lives in
 * {@code etc/<factoryPid>-<alias>.cfg} (property {@code felix.fileinstall.filename}); deleting it deletes the file.
 */
public final class OsgiPluginPlatform implements PluginPlatform, AutoCloseable {
    static final String ROOT = "org.gatehouse.";
    static final String FILENAME = "felix.fileinstall.filename";
    private static final String FEATURES = "org.apache.karaf.features.FeaturesService";
    private static final String CONFIG_FILES = "org.apache.karaf.config.core.ConfigRepository";

    private final BundleContext context;
    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configs;
    private final ServiceTracker<MetaTypeService, MetaTypeService> metatypes;
    private final ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> components;
    private final ServiceTracker<Object, Object> features;
    private final ServiceTracker<Object, Object> files;

    public OsgiPluginPlatform(BundleContext context) {
        this.context = context;
        configs = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        metatypes = new ServiceTracker<>(context, MetaTypeService.class, null);
        components = new ServiceTracker<>(context, ServiceComponentRuntime.class, null);
        features = new ServiceTracker<>(context, FEATURES, null);
        files = new ServiceTracker<>(context, CONFIG_FILES, null);
        configs.open();
        metatypes.open();
        components.open();
        features.open();
        files.open();
    }

    @Override
    public Optional<FeatureCatalog> features() {
        Object service = features.getService();
        if (service == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KarafFeatureCatalog(service));
        } catch (LinkageError e) {
            return Optional.empty(); // Karaf's features package is not wired to this bundle
        }
    }

    @Override
    public Map<String, ObjectClassDefinition> factories() {
        MetaTypeService metatype = required(metatypes, "MetaTypeService");
        Map<String, ObjectClassDefinition> out = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith(ROOT)) {
                continue;
            }
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null || info.getFactoryPids() == null) {
                continue;
            }
            for (String pid : info.getFactoryPids()) {
                if (pid.startsWith(ROOT)) {
                    ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                    if (ocd != null) {
                        out.put(pid, ocd);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<Instance> instances() {
        List<Instance> out = new ArrayList<>();
        for (Configuration c : list("(service.factoryPid=" + ROOT + "*)")) {
            out.add(instance(c));
        }
        out.sort(java.util.Comparator.comparing(Instance::pid));
        return out;
    }

    @Override
    public Instance create(String factoryPid, String alias, Map<String, Object> properties) {
        try {
            Configuration c = required(configs, "ConfigurationAdmin").getFactoryConfiguration(factoryPid, alias, "?");
            write(c, properties);
            return instance(c);
        } catch (IOException e) {
            throw new ApiException(500, "config-failed", "configuration " + factoryPid + "~" + alias
                    + " not saved: " + e.getMessage());
        }
    }

    @Override
    public void update(String pid, Map<String, Object> properties) {
        try {
            write(find(pid), properties);
        } catch (IOException e) {
            throw new ApiException(500, "config-failed", "configuration " + pid + " not saved: " + e.getMessage());
        }
    }

    /**
     * Through Karaf's ConfigRepository when present, which writes the {@code etc/} file and then the configuration;
     * else to ConfigurationAdmin only, keeping the file name of an existing file-backed configuration.
     */
    private void write(Configuration c, Map<String, Object> properties) throws IOException {
        Object repository = files.getService();
        if (repository != null) {
            try {
                new KarafConfigFiles(repository).update(c.getPid(), properties);
                return;
            } catch (LinkageError e) {
                // Karaf's config package is not wired to this bundle: ConfigurationAdmin only
            }
        }
        Dictionary<String, Object> d = dictionary(properties);
        Dictionary<String, Object> old = c.getProperties();
        if (old != null && old.get(FILENAME) != null) {
            d.put(FILENAME, old.get(FILENAME));
        }
        c.update(d);
    }

    @Override
    public void delete(String pid) {
        Configuration c = find(pid);
        Dictionary<String, Object> props = c.getProperties();
        Object file = props == null ? null : props.get(FILENAME);
        try {
            c.delete();
            if (file != null) {
                // fileinstall removes it too; whoever comes second finds nothing to do
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(java.net.URI.create(file.toString())));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiException(500, "config-failed", "configuration " + pid + " not deleted: " + e.getMessage());
        }
    }

    @Override
    public Status status(Instance instance) {
        ServiceComponentRuntime runtime = components.getService();
        if (runtime == null) {
            return new Status("no component", "the DS runtime is not available");
        }
        for (ComponentDescriptionDTO d : runtime.getComponentDescriptionDTOs()) {
            if (!List.of(d.configurationPid).contains(instance.factoryPid())) {
                continue;
            }
            for (ComponentConfigurationDTO c : runtime.getComponentConfigurationDTOs(d)) {
                if (instance.pid().equals(c.properties.get("service.pid"))) {
                    return status(c);
                }
            }
        }
        return new Status("no component", "no installed component uses factory PID " + instance.factoryPid()
                + " (is its feature installed?)");
    }

    private static Status status(ComponentConfigurationDTO c) {
        switch (c.state) {
            case ComponentConfigurationDTO.ACTIVE:
            case ComponentConfigurationDTO.SATISFIED:
                return new Status("active", null);
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return new Status("failed", c.failure == null ? "activation failed" : firstLine(c.failure));
            default:
                List<String> missing = new ArrayList<>();
                if (c.unsatisfiedReferences != null) {
                    for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
                        missing.add(r.name + (r.target == null ? "" : " " + r.target));
                    }
                }
                return new Status("unsatisfied", missing.isEmpty() ? "waiting for its configuration"
                        : "waiting for " + String.join(", ", missing));
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).trim();
    }

    private Configuration find(String pid) {
        List<Configuration> found = list("(service.pid=" + pid + ")");
        if (found.isEmpty() || found.get(0).getFactoryPid() == null || !found.get(0).getFactoryPid().startsWith(ROOT)) {
            throw ApiException.notFound("unknown-instance", "no plugin instance " + pid);
        }
        return found.get(0);
    }

    private List<Configuration> list(String filter) {
        try {
            Configuration[] found = required(configs, "ConfigurationAdmin").listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            throw ApiException.badRequest("bad-pid", "not a configuration PID: " + e.getMessage());
        }
    }

    static Instance instance(Configuration c) {
        Map<String, Object> props = new LinkedHashMap<>();
        String file = null;
        Dictionary<String, Object> d = c.getProperties();
        if (d != null) {
            for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                if (k.equals(FILENAME)) {
                    file = String.valueOf(d.get(k));
                } else if (!PluginAdmin.containerKey(k)) {
                    props.put(k, d.get(k));
                }
            }
        }
        return new Instance(c.getPid(), c.getFactoryPid(), alias(c.getPid(), c.getFactoryPid(), file), props);
    }

    /** @return the alias: after {@code ~} in a named factory PID, else from the file name, else the PID */
    static String alias(String pid, String factoryPid, String file) {
        int tilde = pid.indexOf('~');
        if (tilde >= 0) {
            return pid.substring(tilde + 1);
        }
        if (file != null) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.startsWith(factoryPid + "-") && name.endsWith(".cfg")) {
                return name.substring(factoryPid.length() + 1, name.length() - 4);
            }
        }
        return pid;
    }

    private static Dictionary<String, Object> dictionary(Map<String, Object> properties) {
        return new Hashtable<>(new HashMap<>(properties));
    }

    private static <T> T required(ServiceTracker<T, T> tracker, String name) {
        T service = tracker.getService();
        if (service == null) {
            throw new ApiException(503, ErrorMappers.SERVICE_UNAVAILABLE, name + " is not available");
        }
        return service;
    }

    @Override
    public void close() {
        files.close();
        features.close();
        components.close();
        metatypes.close();
        configs.close();
    }
}
