package org.gatehouse.rest.internal.system;

import java.io.IOException;
import java.util.Map;

import org.apache.karaf.config.core.ConfigRepository;

/**
 * Karaf's ConfigRepository, which keeps a configuration and its {@code etc/} file in step (the code behind
 * {@code config:edit} and {@code config:property-set}): an update writes {@code etc/<factoryPid>-<alias>.cfg}, with
 * multi-valued properties in its typed syntax. The only class that names Karaf's config API, which the bundle imports
 * optionally: it is loaded only when a ConfigRepository is registered.
 */
final class KarafConfigFiles {
    private final ConfigRepository repository;

    KarafConfigFiles(Object repository) {
        this.repository = (ConfigRepository) repository;
    }

    /** Writes the properties to the configuration's file (created for a new one) and to the configuration. */
    void update(String pid, Map<String, Object> properties) throws IOException {
        repository.update(pid, properties);
    }
}
