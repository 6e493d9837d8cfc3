package org.gatehouse.opcua.internal;

import java.util.function.Function;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.gatehouse.api.service.AlarmService;
import org.gatehouse.opcua.internal.alarms.AlarmConditions;

/**
 * The one place that starts the alarm conditions (package {@code org.gatehouse.opcua.internal.alarms}) in the
 * namespace's {@code Alarms} folder, with the Gatehouse user and roles of each session for Acknowledge.
 */
final class AlarmsSeam {
    private AlarmsSeam() {
    }

    /** The running alarm conditions. */
    interface Conditions extends AutoCloseable {
        Conditions NONE = new Conditions() {
            @Override
            public int retained() {
                return 0;
            }

            @Override
            public void close() {
            }
        };

        /** @return conditions retained now (open alarms) */
        int retained();

        @Override
        void close();
    }

    /** Starts the alarm conditions in the namespace's {@code Alarms} folder; alarms null: none. */
    static Conditions start(OpcUaServer server, GatehouseNamespace namespace, AlarmService alarms,
                            Function<Session, UaUser> callers) {
        if (alarms == null) {
            return Conditions.NONE;
        }
        AlarmConditions conditions = new AlarmConditions(server, namespace.context(), namespace.nodes(),
                namespace.getNamespaceIndex(), namespace.alarmsFolder(), alarms, session -> {
                    UaUser u = callers.apply(session);
                    return u == null ? null : new AlarmConditions.Caller(u.user(), u.roles());
                });
        conditions.start();
        return new Conditions() {
            @Override
            public int retained() {
                return conditions.retained();
            }

            @Override
            public void close() {
                conditions.close();
            }
        };
    }
}
