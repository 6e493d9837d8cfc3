package org.gatehouse.benchmarks;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.config.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.stack.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.gatehouse.api.Device;
import org.gatehouse.api.DeviceStatus;
import org.gatehouse.api.SecurityEvent;
import org.gatehouse.api.Severity;
import org.gatehouse.api.Site;
import org.gatehouse.opcua.internal.Backend;
import org.gatehouse.opcua.internal.GatehouseServer;
import org.gatehouse.opcua.internal.MemorySites;
import org.gatehouse.opcua.internal.OpcUaSettings;

/**
 * Value changes per second to one OPC UA client: the Gatehouse OPC UA server (Milo 0.6, policy None, loopback) with
 * N devices, one Milo client subscribed to every device's {@code LastEventTime} (N monitored items, sampling and
 * publishing every 100 ms, queue 1), while one thread feeds events to the namespace round-robin over the devices as
 * fast as it can (each changes one variable). Prints the events applied per second and the data-change
 * notifications the client received per second.
 *
 * <p>Usage: {@code OpcUaBench [devices=10000] [seconds=20]}
 */
public final class OpcUaBench {
    private OpcUaBench() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Device> all = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            all.add(new Device("d" + i, "bench", null, "fence", "bench", "Device " + i, DeviceStatus.ONLINE,
                    Map.of()));
        }
        MemorySites sites = new MemorySites();
        sites.saveSite(new Site("bench", "Bench campus", "UTC", null), "bench");
        all.forEach(d -> sites.saveDevice(d, "bench"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("opcua-bench");
        GatehouseServer server = new GatehouseServer(new OpcUaSettings(port, "127.0.0.1", null, true, true, "karaf",
                dir, Duration.ofHours(1)), new Backend().sites(sites), (u, p) -> Optional.empty(), ZoneId.of("UTC"))
                .start();
        String url = "opc.tcp://127.0.0.1:" + port + "/gatehouse";
        EndpointDescription endpoint = DiscoveryClient.getEndpoints(url).get().stream()
                .filter(e -> e.getSecurityPolicyUri().equals(SecurityPolicy.None.getUri())).findFirst().orElseThrow();
        OpcUaClient client = OpcUaClient.create(OpcUaClientConfig.builder()
                .setApplicationName(LocalizedText.english("OpcUaBench")).setApplicationUri("urn:gatehouse:bench")
                .setEndpoint(endpoint).setIdentityProvider(new AnonymousProvider()).setRequestTimeout(uint(60_000))
                .build());
        client.connect().get();
        UaSubscription subscription = client.getSubscriptionManager().createSubscription(100.0).get();
        AtomicLong received = new AtomicLong();
        int ns = server.namespaceIndex();
        List<MonitoredItemCreateRequest> requests = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            requests.add(new MonitoredItemCreateRequest(new ReadValueId(new NodeId(ns, "Devices/d" + i
                    + "/LastEventTime"), AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE),
                    MonitoringMode.Reporting, new MonitoringParameters(uint(i), 100.0, null, uint(1), true)));
        }
        long t0 = System.nanoTime();
        for (int from = 0; from < requests.size(); from += 1000) {
            List<UaMonitoredItem> items = subscription.createMonitoredItems(TimestampsToReturn.Both,
                    requests.subList(from, Math.min(requests.size(), from + 1000)),
                    (item, id) -> item.setValueConsumer((it, v) -> received.incrementAndGet())).get();
            items.forEach(it -> {
                if (!it.getStatusCode().isGood()) {
                    throw new IllegalStateException(it.getReadValueId().getNodeId() + " " + it.getStatusCode());
                }
            });
        }
        System.out.printf("%d monitored items created in %.1f s; server counts %d%n", devices,
                (System.nanoTime() - t0) / 1e9, server.status().monitoredItems());
        Thread.sleep(3000);
        received.set(0);
        long applied = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        Instant time = Instant.now();
        while (System.nanoTime() < end) {
            time = time.plusMillis(1);
            int i = (int) (applied % devices);
            server.namespace().onEvent(new SecurityEvent("e" + applied, time, "bench", "d" + i, null, "bench.tick",
                    Severity.INFO, Map.of(), null, null));
            applied++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Thread.sleep(1000);
        System.out.printf("devices %d, %d s: events applied %.0f/s, value changes received by the client %.0f/s%n",
                devices, seconds, applied / elapsed, received.get() / (elapsed + 1));
        client.disconnect().get();
        server.close();
        System.exit(0);
    }
}
