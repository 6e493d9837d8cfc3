package org.gatehouse.rest.internal.system;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.FeaturesService;

/**
 * Karaf's FeaturesService as a {@link PluginPlatform.FeatureCatalog}. The only class that names Karaf's features API,
 * which the bundle imports optionally: it is loaded only when a FeaturesService is registered.
 */
final class KarafFeatureCatalog implements PluginPlatform.FeatureCatalog {
    /** The platform feature whose dependencies may not be uninstalled. */
    static final String PLATFORM = "gatehouse";

    private final FeaturesService features;

    KarafFeatureCatalog(Object featuresService) {
        this.features = (FeaturesService) featuresService;
    }

    @Override
    public List<PluginPlatform.Feature> list() {
        List<PluginPlatform.Feature> out = new ArrayList<>();
        try {
            for (org.apache.karaf.features.Feature f : features.listFeatures()) {
                out.add(new PluginPlatform.Feature(f.getName(), f.getVersion(), f.getDescription(),
                        features.isInstalled(f)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("features cannot be listed: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public Set<String> platform() {
        Set<String> out = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(PLATFORM));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!out.add(name)) {
                continue;
            }
            try {
                org.apache.karaf.features.Feature f = features.getFeature(name);
                if (f != null) {
                    for (Dependency d : f.getDependencies()) {
                        todo.push(d.getName());
                    }
                }
            } catch (Exception e) {
                // an unresolvable dependency is not ours to protect
            }
        }
        return out;
    }

    @Override
    public void install(String name) throws Exception {
        features.installFeature(name);
    }

    @Override
    public void uninstall(String name) throws Exception {
        features.uninstallFeature(name);
    }
}
