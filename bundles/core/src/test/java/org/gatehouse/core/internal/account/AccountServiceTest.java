package org.gatehouse.core.internal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.api.AuditEntry;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.core.internal.Platform;
import org.gatehouse.core.testing.TestDb;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private final Platform p = TestDb.platform();

    AccountServiceTest() {
        p.persons.savePerson(new Person("g1", "Guardian 1", PersonRole.GUARDIAN, "+8613800000001", null, "zh-CN",
                null), "t");
        p.persons.savePerson(new Person("t1", "Teacher 1", PersonRole.STAFF, null, null, "zh-CN", "3-2"), "t");
    }

    private List<String> audit(String user) {
        return p.audit.query("user", user, null, 0, 50).items().stream()
                .map(e -> e.action() + ":" + e.actor() + ":" + e.detail()).toList();
    }

    @Test
    void linkReplaceAndUnlinkAreStoredAndAudited() {
        assertEquals(Optional.empty(), p.accounts.personOf("mum"));
        p.accounts.link("mum", "g1", "admin");
        assertEquals(Optional.of("g1"), p.accounts.personOf("mum"));
        p.accounts.link("mum", "g1", "admin"); // the same link again: no change, no audit line
        p.accounts.link("ms.li", "t1", "admin");
        assertEquals(Map.of("mum", "g1", "ms.li", "t1"), p.accounts.links());
        p.accounts.link("ms.li", "g1", "admin");
        assertEquals(Optional.of("g1"), p.accounts.personOf("ms.li"));
        p.accounts.unlink("ms.li", "root");
        p.accounts.unlink("ms.li", "root"); // nothing left: does nothing
        assertEquals(Optional.empty(), p.accounts.personOf("ms.li"));
        assertEquals(List.of("user-linked:admin:person g1"), audit("mum"));
        List<String> li = audit("ms.li");
        assertEquals(3, li.size(), li.toString());
        assertTrue(li.contains("user-linked:admin:person t1"), li.toString());
        assertTrue(li.contains("user-linked:admin:person g1 (was t1)"), li.toString());
        assertTrue(li.contains("user-unlinked:root:person g1"), li.toString());
    }

    @Test
    void anUnknownPersonOrABadUserNameIsRefused() {
        GatehouseException e = assertThrows(GatehouseException.class, () -> p.accounts.link("mum", "nobody", "admin"));
        assertEquals(GatehouseException.Kind.NOT_FOUND, e.kind());
        assertEquals(GatehouseException.Kind.INVALID,
                assertThrows(GatehouseException.class, () -> p.accounts.link(" ", "g1", "admin")).kind());
        assertEquals(GatehouseException.Kind.INVALID,
                assertThrows(GatehouseException.class, () -> p.accounts.link("a b", "g1", "admin")).kind());
        assertEquals(Map.of(), p.accounts.links());
    }

    @Test
    void deletingAPersonDropsItsLinksWithAnAuditLine() {
        p.accounts.link("mum", "g1", "admin");
        p.accounts.link("dad", "g1", "admin");
        p.accounts.link("ms.li", "t1", "admin");
        p.persons.deletePerson("g1", "admin");
        assertEquals(Map.of("ms.li", "t1"), p.accounts.links());
        List<AuditEntry> entries = p.audit.query("user", "dad", null, 0, 50).items();
        assertTrue(entries.stream().anyMatch(e -> e.action().equals("user-unlinked") && e.actor().equals("system")
                && e.detail().contains("g1 deleted")), entries.toString());
    }

    @Test
    void theServiceIsOfferedByThePlatform() {
        assertTrue(p.services().stream().anyMatch(o -> o.service() == p.accounts));
    }
}
