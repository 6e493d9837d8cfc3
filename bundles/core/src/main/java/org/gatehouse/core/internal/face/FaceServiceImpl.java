package org.gatehouse.core.internal.face;

import org.osgi.annotation.bundle.Capability;
import org.gatehouse.core.internal.person.GuardianConsent;
import org.gatehouse.api.service.PersonService;
import org.gatehouse.core.internal.Limits;
import org.gatehouse.core.internal.audit.AuditTrail;
import org.gatehouse.core.internal.store.Db;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.api.GatehouseException;
import org.gatehouse.api.GuardianBinding;
import org.gatehouse.api.Page;
import org.gatehouse.api.Person;
import org.gatehouse.api.PersonRole;
import org.gatehouse.api.face.Candidate;
import org.gatehouse.api.face.Consent;
import org.gatehouse.api.face.FaceModels;
import org.gatehouse.api.face.FaceService;
import org.gatehouse.api.face.FaceStatus;
import org.gatehouse.api.face.FaceStatus.Reenrollment;
import org.gatehouse.api.face.FaceTemplate;
import org.gatehouse.api.face.Identification;
import org.gatehouse.api.face.Probe;
import org.gatehouse.api.recognition.AnalyzedFace;
import org.gatehouse.api.recognition.Detection;
import org.gatehouse.api.recognition.EngineInfo;
import org.gatehouse.api.recognition.FaceQuality;
import org.gatehouse.api.recognition.FaceReasons;
import org.gatehouse.api.recognition.Frame;
import org.gatehouse.api.recognition.RecognitionEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The face gallery: photos and templates in Derby, two {@link FaceIndex}es per model id in memory (the main gallery,
 * and the watchlist: persons of role WATCHLIST, searched only by use {@code watchlist}), the active engine chosen by
 * {@code face.engine} among the registered engines, background re-enrollment when the model changes (each template
 * goes to its person's partition).
 */
/* Published by the composition root (Platform#services); declared here for the features resolver. */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gatehouse.api.face.FaceService")
public final class FaceServiceImpl implements FaceService, FacePhotos, EnrollmentCheck {
    private static final Logger LOG = LoggerFactory.getLogger(FaceServiceImpl.class);
    /** Largest stored photo; larger uploads are refused before the engine sees them. */
    static final int MAX_PHOTO_BYTES = 32 * 1024 * 1024;
    /** A second face whose box side is at least this fraction of the largest makes an enrollment photo ambiguous. */
    static final float SEVERAL_FACES_RATIO = 0.5f;

    private final Db db;
    private final AuditTrail audit;
    private final PersonService persons;
    private final GuardianConsent consentFlags;
    private final Map<String, RecognitionEngine> engines = new ConcurrentHashMap<>();
    private final Map<String, FaceIndex> indexes = new ConcurrentHashMap<>();
    /** The watchlist partition per model: templates of persons of role WATCHLIST, never in {@link #indexes}. */
    private final Map<String, FaceIndex> watchIndexes = new ConcurrentHashMap<>();
    private final ExecutorService worker;
    private final ExecutorService searchPool;
    private volatile FaceSettings settings = FaceSettings.defaults();
    private volatile String syncedModel;
    private volatile Reenrollment progress = Reenrollment.NONE;
    private volatile boolean stopping;
    private volatile Runnable changed = () -> { };
    /** What each registered engine published about its model files. */
    private final Map<RecognitionEngine, ModelCatalog.EngineFiles> engineFiles = new ConcurrentHashMap<>();
    private volatile ModelCatalog catalog = new ModelCatalog(ModelCatalog.defaultDir());

    public FaceServiceImpl(Db db, AuditTrail audit, PersonService persons, GuardianConsent consentFlags) {
        this.db = db;
        this.audit = audit;
        this.persons = persons;
        this.consentFlags = consentFlags;
        this.worker = Executors.newSingleThreadExecutor(daemon("gatehouse-face-sync"));
        this.searchPool = Executors.newFixedThreadPool(4, daemon("gatehouse-face-search"));
    }

    /** Called after every committed change of photos or consent (the face terminals' rosters follow them). */
    public void onChange(Runnable listener) {
        this.changed = listener;
    }

    @Override
    public Map<String, String> newestPhotoHashes() {
        Map<String, String> out = new java.util.HashMap<>();
        db.tx(c -> Db.list(c, "SELECT PERSON_ID, SHA256 FROM FACE_PHOTOS ORDER BY ID", rs -> {
            out.put(rs.getString(1), rs.getString(2));
            return null;
        }));
        return out;
    }

    @Override
    public Map<String, Boolean> consentDecisions() {
        Map<String, Boolean> out = new java.util.HashMap<>();
        db.tx(c -> Db.list(c, "SELECT STUDENT_ID, GRANTED FROM FACE_CONSENT", rs -> {
            out.put(rs.getString(1), rs.getShort(2) != 0);
            return null;
        }));
        return out;
    }

    @Override
    public Optional<byte[]> newestPhoto(String personId) {
        return db.tx(c -> Db.one(c, "SELECT DATA FROM FACE_PHOTOS WHERE PERSON_ID = ? ORDER BY ID DESC"
                + " FETCH FIRST 1 ROWS ONLY", rs -> rs.getBytes(1), personId));
    }

    @Override
    public Optional<byte[]> photo(long photoId) {
        return db.tx(c -> Db.one(c, "SELECT DATA FROM FACE_PHOTOS WHERE ID = ?", rs -> rs.getBytes(1), photoId));
    }

        private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------- engines and settings

    /** Applies new settings; switching {@code face.engine} starts a re-enrollment if the model differs. */
    public void configure(FaceSettings s) {
        settings = s;
        activeChanged();
    }

    public FaceSettings settings() {
        return settings;
    }

    /** A RecognitionEngine service with {@code gatehouse.engine.id} appeared. */
    public void engineAdded(String id, RecognitionEngine engine) {
        engines.put(id, engine);
        LOG.info("Recognition engine {} available", id);
        if (id.equals(settings.engine())) {
            // the active engine (re)appeared, e.g. restarted by a configuration change: sync again, which re-enrolls
            // only the photos still lacking a template of its model (a pass it broke off, or none)
            synchronized (this) {
                syncedModel = null;
            }
        }
        activeChanged();
    }

    /**
     * A RecognitionEngine service appeared with what it publishes about its model files (service properties
     * {@value ModelCatalog#FILES_PROPERTY}, {@value ModelCatalog#SET_PROPERTY}).
     */
    public void engineAdded(String id, RecognitionEngine engine, ModelCatalog.EngineFiles files) {
        engineFiles.put(engine, files);
        engineAdded(id, engine);
    }

    /** Reads the model catalogue from another directory than {@code ${karaf.base}/models/face} (tests). */
    public void modelCatalog(ModelCatalog c) {
        this.catalog = c;
    }

    @Override
    public FaceModels models() {
        RecognitionEngine e = activeOrNull();
        return catalog.models(e == null ? null : engineFiles.getOrDefault(e, ModelCatalog.EngineFiles.UNKNOWN));
    }

    /** A RecognitionEngine service went away. */
    public void engineRemoved(String id, RecognitionEngine engine) {
        engineFiles.remove(engine);
        engines.remove(id, engine);
        LOG.info("Recognition engine {} removed", id);
    }

    private RecognitionEngine activeOrNull() {
        return engines.get(settings.engine());
    }

    @Override
    public RecognitionEngine activeEngine() {
        RecognitionEngine e = activeOrNull();
        if (e == null) {
            throw GatehouseException.unavailable(FaceReasons.NO_ENGINE, "face engine '" + settings.engine()
                    + "' is not running" + (engines.isEmpty() ? " (no engine installed)" : "; available: "
                    + new TreeMap<>(engines).keySet()), null);
        }
        return e;
    }

    /** Loads the active model's index and re-enrolls missing templates in the background when the model changed. */
    private synchronized void activeChanged() {
        RecognitionEngine e = activeOrNull();
        if (e == null || stopping) {
            return;
        }
        String model = e.info().modelId();
        if (model.equals(syncedModel)) {
            return;
        }
        syncedModel = model;
        worker.submit(() -> sync(e, model));
    }

    private void sync(RecognitionEngine engine, String model) {
        try {
            index(model, engine.info().vectorSize());
            reenroll(engine, model);
            if (activeOrNull() == engine) {
                // only the active model is searched: free the others (they reload from the store when needed)
                indexes.keySet().removeIf(m -> !m.equals(model));
                watchIndexes.keySet().removeIf(m -> !m.equals(model));
            }
        } catch (RuntimeException ex) {
            LOG.warn("Face gallery sync for model {} failed: {}", model, ex.toString());
            syncedModel = null;
        }
    }

    /** Computes templates of {@code model} for every stored photo that has none, while the model stays active. */
    private void reenroll(RecognitionEngine engine, String model) {
        List<long[]> todo = db.tx(c -> Db.list(c, "SELECT P.ID FROM FACE_PHOTOS P WHERE NOT EXISTS (SELECT 1 FROM"
                + " FACE_TEMPLATES T WHERE T.PHOTO_ID = P.ID AND T.MODEL_ID = ?) ORDER BY P.ID",
                rs -> new long[] {rs.getLong(1)}, model));
        if (todo.isEmpty()) {
            return;
        }
        LOG.info("Re-enrolling {} face photos for model {}", todo.size(), model);
        int done = 0;
        int failed = 0;
        Set<String> watch = watchlistPersons();
        progress = new Reenrollment(model, todo.size(), 0, 0, true);
        for (long[] row : todo) {
            if (stopping || activeOrNull() != engine) {
                LOG.info("Re-enrollment for model {} interrupted at {}/{}", model, done, todo.size());
                progress = new Reenrollment(model, todo.size(), done, failed, false);
                return;
            }
            long photoId = row[0];
            try {
                Optional<Object[]> photo = db.tx(c -> Db.one(c, "SELECT PERSON_ID, FORMAT, DATA FROM FACE_PHOTOS"
                        + " WHERE ID = ?", rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getBytes(3)},
                        photoId));
                if (photo.isPresent()) {
                    String personId = (String) photo.get()[0];
                    List<AnalyzedFace> faces = engine.analyze(new Frame((byte[]) photo.get()[2],
                            (String) photo.get()[1]));
                    if (faces.isEmpty()) {
                        throw GatehouseException.invalid(FaceReasons.NO_FACE, "no face");
                    }
                    AnalyzedFace f = faces.get(0);
                    long id = db.tx(c -> insertTemplate(c, personId, photoId, f, "system"));
                    index(model, f.embedding().vector().length, watch.contains(personId)).add(id, personId,
                            f.embedding().vector());
                }
            } catch (GatehouseException ex) {
                failed++;
                LOG.warn("Photo {} not re-enrolled for model {}: {} ({})", photoId, model, ex.code(), ex.getMessage());
            } catch (RuntimeException ex) {
                // not the photo's fault: the engine failed (e.g. closed while restarting); stop this pass, the
                // engine's return starts another one for the photos left
                LOG.warn("Re-enrollment for model {} stopped at {}/{}: the engine failed on photo {}: {}", model, done,
                        todo.size(), photoId, ex.toString());
                progress = new Reenrollment(model, todo.size(), done, failed, false);
                return;
            }
            done++;
            progress = new Reenrollment(model, todo.size(), done, failed, true);
        }
        progress = new Reenrollment(model, todo.size(), done, failed, false);
        LOG.info("Re-enrollment for model {} finished: {} photos, {} failed", model, done, failed);
    }

    /** The main index of a model (everybody but the watchlist), loaded from the store on first use. */
    FaceIndex index(String model, int dim) {
        return index(model, dim, false);
    }

    /**
     * The main or the watchlist index of a model, both loaded from the store on first use: a template goes to the
     * watchlist index when its person has role WATCHLIST.
     */
    FaceIndex index(String model, int dim, boolean watchlist) {
        Map<String, FaceIndex> map = watchlist ? watchIndexes : indexes;
        FaceIndex idx = map.get(model);
        if (idx != null) {
            return idx;
        }
        synchronized (indexes) {
            idx = map.get(model);
            if (idx != null) {
                return idx;
            }
            long t0 = System.nanoTime();
            FaceIndex fresh = new FaceIndex(model, dim, searchPool, settings.searchThreads());
            FaceIndex freshWatch = new FaceIndex(model, dim, searchPool, settings.searchThreads());
            Set<String> watch = watchlistPersons();
            int[] skipped = {0};
            db.tx(c -> {
                try (PreparedStatement ps = Db.bind(c.prepareStatement("SELECT ID, PERSON_ID, DIM, VECTOR FROM"
                        + " FACE_TEMPLATES WHERE MODEL_ID = ?"), model); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getInt(3) != dim) {
                            skipped[0]++;
                            continue;
                        }
                        String person = rs.getString(2);
                        (watch.contains(person) ? freshWatch : fresh).add(rs.getLong(1), person,
                                floats(rs.getBytes(4)));
                    }
                }
                return null;
            });
            indexes.put(model, fresh);
            watchIndexes.put(model, freshWatch);
            LOG.info("Face index of model {} loaded: {} templates and {} of the watchlist in {} ms{}", model,
                    fresh.size(), freshWatch.size(), (System.nanoTime() - t0) / 1_000_000, skipped[0] > 0 ? " ("
                            + skipped[0] + " of another dimension skipped)" : "");
            return watchlist ? freshWatch : fresh;
        }
    }

    /** The ids of the persons of role WATCHLIST (their templates form the watchlist partition). */
    private Set<String> watchlistPersons() {
        Set<String> out = new HashSet<>();
        for (int off = 0; ; off += Limits.MAX_PAGE) {
            Page<Person> page = persons.persons(PersonRole.WATCHLIST, null, off, Limits.MAX_PAGE);
            page.items().forEach(p -> out.add(p.id()));
            if (page.items().size() < Limits.MAX_PAGE) {
                return out;
            }
        }
    }

    // ---------------------------------------------------------------- enrollment

    @Override
    public FaceTemplate enroll(String personId, Frame photo, String actor) {
        Limits.id("personId", personId);
        Person person = persons.person(personId, null).orElseThrow(() -> GatehouseException.notFound(
                "unknown-person", "person '" + personId + "' does not exist"));
        checkFrame(photo);
        FaceSettings s = settings;
        if (person.role() == PersonRole.STUDENT && s.consentRequired()
                && !consent(personId).map(Consent::granted).orElseGet(() -> persons.guardians(personId).stream()
                        .anyMatch(GuardianBinding::consent))) {
            throw GatehouseException.conflict("consent-required", "student '" + personId
                    + "' has no guardian consent for face enrollment; record it first");
        }
        long photos = db.tx(c -> Db.count(c, "SELECT COUNT(*) FROM FACE_PHOTOS WHERE PERSON_ID = ?", personId));
        if (photos >= s.maxTemplatesPerPerson()) {
            throw GatehouseException.conflict("too-many-templates", "person '" + personId + "' already has "
                    + photos + " enrollment photos (face.max.templates.per.person = " + s.maxTemplatesPerPerson()
                    + "); delete one first");
        }
        RecognitionEngine engine = activeEngine();
        List<AnalyzedFace> faces = engine.analyze(photo);
        AnalyzedFace face = gateEnrollment(faces, s);
        String who = actor == null || actor.isBlank() ? "system" : actor;
        long now = System.currentTimeMillis();
        long[] ids = db.tx(c -> {
            long photoId = insertPhoto(c, personId, photo, who, now);
            long templateId = insertTemplate(c, personId, photoId, face, who);
            audit.record(c, who, "face-enroll", "person", personId, "template " + templateId + " (model "
                    + face.embedding().modelId() + ", face " + face.quality().faceSize() + " px)");
            return new long[] {photoId, templateId};
        });
        index(face.embedding().modelId(), face.embedding().vector().length, person.role() == PersonRole.WATCHLIST)
                .add(ids[1], personId, face.embedding().vector());
        changed.run();
        return new FaceTemplate(ids[1], personId, face.embedding().modelId(), ids[0], face.quality(),
                Instant.ofEpochMilli(now), who);
    }

    private static void checkFrame(Frame f) {
        if (f == null || f.data() == null || f.data().length == 0) {
            throw GatehouseException.invalid(FaceReasons.IMAGE_EMPTY, "the image is empty");
        }
        if (f.data().length > MAX_PHOTO_BYTES) {
            throw GatehouseException.invalid(FaceReasons.IMAGE_TOO_LARGE, "the image has " + f.data().length
                    + " bytes, more than " + MAX_PHOTO_BYTES);
        }
    }

    @Override
    public void checkEnrollment(Frame photo) {
        checkFrame(photo);
        gateEnrollment(activeEngine().analyze(photo), settings);
    }

    /** The quality gate of an enrollment photo. */
    static AnalyzedFace gateEnrollment(List<AnalyzedFace> faces, FaceSettings s) {
        if (faces.isEmpty()) {
            throw GatehouseException.invalid(FaceReasons.NO_FACE, "no face found in the photo");
        }
        AnalyzedFace f = faces.get(0);
        if (faces.size() > 1) {
            int second = faces.get(1).quality().faceSize();
            if (second >= SEVERAL_FACES_RATIO * f.quality().faceSize()) {
                throw GatehouseException.invalid(FaceReasons.SEVERAL_FACES, "the photo shows " + faces.size()
                        + " faces (" + f.quality().faceSize() + " and " + second + " px); an enrollment photo shows"
                        + " one person");
            }
        }
        FaceQuality q = f.quality();
        if (q.faceSize() < s.enrollMinSize()) {
            throw GatehouseException.invalid(FaceReasons.FACE_TOO_SMALL, "the face is " + q.faceSize()
                    + " px, at least " + s.enrollMinSize() + " px are needed for enrollment");
        }
        if (q.sharpness() >= 0 && q.sharpness() < s.minSharpness()) {
            throw GatehouseException.invalid(FaceReasons.FACE_BLURRED, "the face is blurred (sharpness "
                    + Math.round(q.sharpness()) + ", at least " + Math.round(s.minSharpness()) + ")");
        }
        if (q.yaw() >= 0 && q.yaw() > s.maxYaw()) {
            throw GatehouseException.invalid(FaceReasons.FACE_OFF_FRONTAL, "the face is turned " + Math.round(q.yaw())
                    + " degrees, at most " + Math.round(s.maxYaw()) + " for enrollment");
        }
        return f;
    }

    private static long insertPhoto(Connection c, String personId, Frame photo, String who, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO FACE_PHOTOS (PERSON_ID, FORMAT, DATA, SHA256,"
                + " CREATED_MS, CREATED_BY) VALUES (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, personId);
            ps.setString(2, photo.format());
            ps.setBytes(3, photo.data());
            ps.setString(4, sha256(photo.data()));
            ps.setLong(5, now);
            ps.setString(6, who);
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    private static long insertTemplate(Connection c, String personId, long photoId, AnalyzedFace f, String who)
            throws SQLException {
        float[] v = FaceIndex.normalise(f.embedding().vector());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO FACE_TEMPLATES (PERSON_ID, PHOTO_ID, MODEL_ID, DIM,"
                + " VECTOR, FACE_SIZE, SHARPNESS, YAW, CREATED_MS, CREATED_BY) VALUES (?,?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, personId);
            ps.setLong(2, photoId);
            ps.setString(3, f.embedding().modelId());
            ps.setInt(4, v.length);
            ps.setBytes(5, bytes(v));
            ps.setInt(6, f.quality().faceSize());
            ps.setFloat(7, f.quality().sharpness());
            ps.setFloat(8, f.quality().yaw());
            ps.setLong(9, System.currentTimeMillis());
            ps.setString(10, who);
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] floats(byte[] raw) {
        float[] v = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<FaceTemplate> templates(String personId) {
        return db.tx(c -> Db.list(c, "SELECT * FROM FACE_TEMPLATES WHERE PERSON_ID = ? ORDER BY ID",
                FaceServiceImpl::mapTemplate, personId));
    }

    private static FaceTemplate mapTemplate(ResultSet rs) throws SQLException {
        return new FaceTemplate(rs.getLong("ID"), rs.getString("PERSON_ID"), rs.getString("MODEL_ID"),
                rs.getLong("PHOTO_ID"), new FaceQuality(rs.getInt("FACE_SIZE"), rs.getFloat("SHARPNESS"),
                rs.getFloat("YAW")), Instant.ofEpochMilli(rs.getLong("CREATED_MS")), rs.getString("CREATED_BY"));
    }

    @Override
    public void delete(long templateId, String actor) {
        List<FaceTemplate> gone = db.tx(c -> {
            FaceTemplate t = Db.one(c, "SELECT * FROM FACE_TEMPLATES WHERE ID = ?", FaceServiceImpl::mapTemplate,
                    templateId).orElseThrow(() -> GatehouseException.notFound("unknown-template", "face template "
                    + templateId + " does not exist"));
            List<FaceTemplate> all = Db.list(c, "SELECT * FROM FACE_TEMPLATES WHERE PHOTO_ID = ?",
                    FaceServiceImpl::mapTemplate, t.photoId());
            Db.update(c, "DELETE FROM FACE_PHOTOS WHERE ID = ?", t.photoId());
            audit.record(c, actor, "face-delete", "person", t.personId(), "template " + templateId + " and photo "
                    + t.photoId() + " (" + all.size() + " templates)");
            return all;
        });
        for (FaceTemplate t : gone) {
            for (Map<String, FaceIndex> map : List.of(indexes, watchIndexes)) {
                FaceIndex idx = map.get(t.modelId());
                if (idx != null) {
                    idx.remove(t.id());
                }
            }
        }
        changed.run();
    }

    @Override
    public int deletePerson(String personId, String actor) {
        int n = db.tx(c -> {
            int photos = Db.update(c, "DELETE FROM FACE_PHOTOS WHERE PERSON_ID = ?", personId);
            if (photos > 0) {
                audit.record(c, actor, "face-delete-all", "person", personId, photos + " photos");
            }
            return photos;
        });
        personDeleted(personId);
        changed.run();
        return n;
    }

    /** The person's rows are gone (cascade): drop them from the indexes. */
    public void personDeleted(String personId) {
        for (FaceIndex idx : indexes.values()) {
            idx.removePerson(personId);
        }
        for (FaceIndex idx : watchIndexes.values()) {
            idx.removePerson(personId);
        }
    }

    // ---------------------------------------------------------------- identification

    @Override
    public Identification identify(Frame probe, String use, int topK) {
        useThreshold(use, null);
        checkTop(topK);
        return identify(probe(probe), use, topK);
    }

    @Override
    public Probe probe(Frame image) {
        FaceSettings s = settings;
        checkFrame(image);
        RecognitionEngine engine = activeEngine();
        List<AnalyzedFace> faces = engine.analyze(image);
        if (faces.isEmpty()) {
            throw GatehouseException.invalid(FaceReasons.NO_FACE, "no face found in the image");
        }
        for (AnalyzedFace f : faces) { // largest first
            if (f.quality().faceSize() >= s.identifyMinSize()) {
                return new Probe(f, faces.size());
            }
        }
        throw GatehouseException.invalid(FaceReasons.FACE_TOO_SMALL, "the largest face is "
                + faces.get(0).quality().faceSize() + " px, at least " + s.identifyMinSize() + " px are needed");
    }

    @Override
    public Identification identify(Probe probe, String use, int topK) {
        String u = use == null || use.isBlank() ? USE_GATE : use;
        useThreshold(u, null);
        checkTop(topK);
        if (probe == null || probe.face() == null) {
            throw GatehouseException.invalid(FaceReasons.NO_FACE, "no face to identify");
        }
        AnalyzedFace face = probe.face();
        float threshold = useThreshold(u, face.embedding().modelId());
        float[] v = face.embedding().vector();
        // the watchlist is a gallery of its own: only its use searches it, and no other use ever finds its persons
        FaceIndex idx = index(face.embedding().modelId(), v.length, USE_WATCHLIST.equals(u));
        List<Candidate> out = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (FaceIndex.Hit h : idx.search(v, topK)) {
            String name = names.computeIfAbsent(h.personId(), id -> persons.person(id, null).map(Person::name)
                    .orElse(null));
            out.add(new Candidate(h.personId(), name, h.templateId(), h.score(), h.score() >= threshold));
        }
        Detection d = face.detection();
        return new Identification(u, threshold, face.embedding().modelId(), d, face.quality(), probe.facesFound(),
                out);
    }

    private float useThreshold(String use, String modelId) {
        String u = use == null || use.isBlank() ? USE_GATE : use;
        float threshold = settings.threshold(u, modelId);
        if (Float.isNaN(threshold)) {
            throw GatehouseException.invalid("unknown-use", "use '" + use + "' is not one of " + USES);
        }
        return threshold;
    }

    private static void checkTop(int topK) {
        if (topK < 1 || topK > 50) {
            throw GatehouseException.invalid("invalid-parameter", "top must be within 1..50, not " + topK);
        }
    }

    @Override
    public float threshold(String use) {
        RecognitionEngine e = activeOrNull();
        float t = settings.threshold(use, e == null ? null : e.info().modelId());
        if (Float.isNaN(t)) {
            throw GatehouseException.invalid("unknown-use", "use '" + use + "' is not one of " + USES);
        }
        return t;
    }

    // ---------------------------------------------------------------- status

    @Override
    public FaceStatus status() {
        RecognitionEngine e = activeOrNull();
        EngineInfo info = e == null ? null : e.info();
        Map<String, Long> perModel = new TreeMap<>();
        long photos = db.tx(c -> {
            for (Object[] row : Db.list(c, "SELECT MODEL_ID, COUNT(*) FROM FACE_TEMPLATES GROUP BY MODEL_ID",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
                perModel.put((String) row[0], (Long) row[1]);
            }
            return Db.count(c, "SELECT COUNT(*) FROM FACE_PHOTOS");
        });
        FaceIndex idx = info == null ? null : indexes.get(info.modelId());
        FaceIndex watch = info == null ? null : watchIndexes.get(info.modelId());
        int indexed = (idx == null ? 0 : idx.size()) + (watch == null ? 0 : watch.size()); // both partitions
        Reenrollment r = progress;
        if (info != null && r.modelId() != null && !r.modelId().equals(info.modelId())) {
            r = Reenrollment.NONE;
        }
        return new FaceStatus(settings.engine(), e != null, info == null ? null : info.modelId(),
                new ArrayList<>(new TreeMap<>(engines).keySet()), perModel, indexed, photos, r,
                FaceIndex.VECTOR_AVAILABLE ? "vector" : "scalar");
    }

    // ---------------------------------------------------------------- consent

    @Override
    public Consent recordConsent(String studentId, String guardianId, boolean granted, String actor) {
        Limits.id("studentId", studentId);
        Limits.id("guardianId", guardianId);
        Person student = persons.person(studentId, null).orElseThrow(() -> GatehouseException.notFound(
                "unknown-person", "student '" + studentId + "' does not exist"));
        if (student.role() != PersonRole.STUDENT) {
            throw GatehouseException.invalid("bad-role", "consent is recorded for students, '" + studentId
                    + "' is " + student.role());
        }
        boolean bound = persons.guardians(studentId).stream().map(GuardianBinding::guardianId)
                .anyMatch(guardianId::equals);
        if (!bound) {
            throw GatehouseException.invalid("not-guardian", "'" + guardianId + "' is not a guardian bound to student '"
                    + studentId + "'");
        }
        String who = actor == null || actor.isBlank() ? "system" : actor;
        long now = System.currentTimeMillis();
        int[] removed = {0};
        db.tx(c -> {
            int n = Db.update(c, "UPDATE FACE_CONSENT SET GUARDIAN_ID = ?, GRANTED = ?, TIME_MS = ?, RECORDED_BY = ?"
                    + " WHERE STUDENT_ID = ?", guardianId, granted, now, who, studentId);
            if (n == 0) {
                Db.update(c, "INSERT INTO FACE_CONSENT (STUDENT_ID, GUARDIAN_ID, GRANTED, TIME_MS, RECORDED_BY)"
                        + " VALUES (?,?,?,?,?)", studentId, guardianId, granted, now, who);
            }
            consentFlags.setConsent(c, guardianId, studentId, granted);
            if (!granted) {
                removed[0] = Db.update(c, "DELETE FROM FACE_PHOTOS WHERE PERSON_ID = ?", studentId);
            }
            audit.record(c, who, granted ? "face-consent-grant" : "face-consent-withdraw", "person", studentId,
                    "guardian " + guardianId + (removed[0] > 0 ? "; " + removed[0] + " photos deleted" : ""));
            return null;
        });
        if (!granted) {
            personDeleted(studentId);
        }
        changed.run();
        return new Consent(studentId, guardianId, granted, Instant.ofEpochMilli(now), who);
    }

    @Override
    public Optional<Consent> consent(String studentId) {
        return db.tx(c -> Db.one(c, "SELECT * FROM FACE_CONSENT WHERE STUDENT_ID = ?", rs -> new Consent(
                rs.getString("STUDENT_ID"), rs.getString("GUARDIAN_ID"), rs.getShort("GRANTED") != 0,
                Instant.ofEpochMilli(rs.getLong("TIME_MS")), rs.getString("RECORDED_BY")), studentId));
    }

    // ---------------------------------------------------------------- lifecycle

    /** Waits until queued syncs (index loads, re-enrollments) are done; for tests and benchmarks. */
    public void awaitIdle(long timeoutMs) throws InterruptedException {
        java.util.concurrent.Future<?> f = worker.submit(() -> { });
        try {
            f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("face sync did not finish in " + timeoutMs + " ms", e);
        }
    }

    public void stop() {
        stopping = true;
        worker.shutdown(); // no interrupt: an interrupt inside a Derby call closes its connection
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        searchPool.shutdownNow();
    }
}
