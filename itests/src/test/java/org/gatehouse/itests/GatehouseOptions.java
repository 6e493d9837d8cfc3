package org.gatehouse.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;

/** Pax Exam options that start the assembled Gatehouse distribution on free ports. */
public final class GatehouseOptions {
    /** Test user added to etc/users.properties (admin group). */
    public static final String USER = "itest";
    public static final String PASSWORD = "itest-secret";
    /** A user with only the teacher role. */
    public static final String TEACHER = "teacher1";

    private GatehouseOptions() {
    }

    /** {@link #options} plus the system property {@code gatehouse.testdata.faces}: the test photos fetched by the build. */
    public static Option[] withTestFaces(int httpPort) {
        Option[] base = options(httpPort);
        Option[] all = java.util.Arrays.copyOf(base, base.length + 1);
        all[base.length] = org.ops4j.pax.exam.CoreOptions.systemProperty("gatehouse.testdata.faces").value(
                System.getProperty("gatehouse.testdata.faces", System.getProperty("user.home")
                        + "/.cache/gatehouse/testdata/faces"));
        return all;
    }

    public static Option[] options(int httpPort) {
        String dist = new File(System.getProperty("gatehouse.dist")).toURI().toString();
        String karaf = System.getProperty("karaf.version", "4.4.9");
        String m2 = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(dist).name("Gatehouse").karafVersion(karaf)
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", "" + httpPort),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "" + Http.freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "" + Http.freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "" + Http.freePort()),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", m2),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                    "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots,file:" + m2
                            + "@id=local@snapshots"),
            editConfigurationFilePut("etc/users.properties", USER, PASSWORD + ",_g_:admingroup"),
            editConfigurationFilePut("etc/users.properties", TEACHER, "teach,teacher"),
            editConfigurationFilePut("etc/org.gatehouse.core.cfg", "spine.wait.for.routes.seconds", "60"),
            editConfigurationFilePut("etc/org.gatehouse.core.cfg", "outbox.retry.initial.seconds", "1"),
            editConfigurationFilePut("etc/org.gatehouse.core.cfg", "outbox.retry.max.seconds", "2"),
            // injected services wait up to two minutes: a loaded machine starts the container slowly
            systemProperty("pax.exam.service.timeout").value("120000"),
            // and the probe waits as long for Pax Exam's invoker (default 10 s: too short while the boot features of a
            // loaded machine are still starting, "gave up waiting for service ProbeInvokerFactory")
            systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT").value("120000"),
            // the JUnit probe waits as long for the Injector ("gave up waiting for service ...Injector")
            systemProperty("org.ops4j.pax.exam.invoker.junit.internal.JUnitProbeInvokerFactory.DEFAULT_TIMEOUT")
                    .value("120000"),
            systemProperty("org.ops4j.pax.swissbox.tracker.ServiceLookup.DEFAULT_TIMEOUT").value("120000"),
            systemProperty("gatehouse.itest.http").value("" + httpPort),
            // bin/karaf's Java 17 options, which Pax Exam 4.14 does not add by itself
            new VMOption("--add-reads=java.xml=java.logging"),
            new VMOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            new VMOption("--patch-module"),
            new VMOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar"),
            new VMOption("--patch-module"),
            new VMOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar"),
            new VMOption("--add-opens"), new VMOption("java.base/java.security=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.net=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.lang=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.util=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            new VMOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
            new VMOption("-classpath"),
            new VMOption("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
            new VMOption("-Xmx512m"),
            // bin/setenv's option for the face index's Vector API scan
            new VMOption("--add-modules=jdk.incubator.vector"),
        };
    }
}
