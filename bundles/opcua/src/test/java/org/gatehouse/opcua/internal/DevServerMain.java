package org.gatehouse.opcua.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gatehouse.api.Site;
import org.gatehouse.api.Zone;
import org.gatehouse.api.ZoneKind;

public class DevServerMain {
    public static void main(String[] args) throws Exception {
        MemorySites model = new MemorySites();
        model.saveSite(new Site("demo-school", "Demo", null, null), "t");
        model.saveZone(new Zone("z1", "demo-school", "Z1", ZoneKind.PERIMETER, false, List.of()), "t");
        Login login = (u, p) -> "secret".equals(p) ? Optional.of(new UaUser(u, u.equals("guard") ? Set.of("security") : Set.of("teacher"))) : Optional.empty();
        GatehouseServer s = new GatehouseServer(new OpcUaSettings(Integer.parseInt(args[0]), "127.0.0.1", null, !args[1].equals("nonone"), true, "karaf", Path.of(args[2]), Duration.ofSeconds(5)),
                new Backend().sites(model).arming(model.arming).audit(model.audit), login, ZoneId.of("UTC")).start();
        System.out.println("READY");
        Thread.sleep(Long.parseLong(args[3]) * 1000);
        System.out.println(s.certificates());
        s.close();
    }
}
