package org.gatehouse.rest.internal.system;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * What plugin management needs from the container: Karaf's features, the metatype of the Gatehouse factory PIDs, their
 * factory configurations in ConfigurationAdmin, and the state of the component each configuration made.
 * {@link OsgiPluginPlatform} is the real one; tests use an in-memory one.
 */
public interface PluginPlatform {
    /** @return Karaf's features, or empty when its FeaturesService is absent */
    Optional<FeatureCatalog> features();

    /** @return the metatype of every Gatehouse factory PID that has one, by factory PID */
    Map<String, ObjectClassDefinition> factories();

    /** @return every factory configuration of an {@code org.gatehouse.*} factory PID */
    List<Instance> instances();

    /**
     * Creates the factory configuration {@code <factoryPid>~<alias>} (Karaf writes it to
     * {@code etc/<factoryPid>-<alias>.cfg}).
     *
     * @return the new instance
     */
    Instance create(String factoryPid, String alias, Map<String, Object> properties);

    /** Replaces the properties of an instance (the container's own keys are kept). */
    void update(String pid, Map<String, Object> properties);

    /** Deletes an instance; Karaf removes its file. */
    void delete(String pid);

    /** @return the state of the component made from the instance */
    Status status(Instance instance);

    /**
     * One factory configuration.
     *
     * @param pid        its PID
     * @param factoryPid the factory PID
     * @param alias      the name after the factory PID ({@code school-sms})
     * @param properties its properties without the container's keys ({@code service.*}, {@code felix.fileinstall.*})
     */
    record Instance(String pid, String factoryPid, String alias, Map<String, Object> properties) {
    }

    /**
     * The state of an instance's component.
     *
     * @param status  {@code active}, {@code unsatisfied}, {@code failed} or {@code no component}
     * @param message what is missing or what failed, null when active
     */
    record Status(String status, String message) {
    }

    /** Karaf's features. */
    interface FeatureCatalog {
        /** @return every feature of the distribution's repositories */
        List<Feature> list();

        /** @return the features the Gatehouse platform feature depends on (transitively) */
        java.util.Set<String> platform();

        void install(String name) throws Exception;

        void uninstall(String name) throws Exception;
    }

    /**
     * A feature of a repository.
     *
     * @param name        name
     * @param version     version
     * @param description description, may be null
     * @param installed   whether it is installed
     */
    record Feature(String name, String version, String description, boolean installed) {
    }
}
