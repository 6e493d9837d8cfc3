package org.gatehouse.api.stranger;

import java.util.List;
import java.util.Optional;

import org.gatehouse.api.Page;
import org.gatehouse.api.access.Passage;
import org.gatehouse.api.face.Probe;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Stranger alerts. The passage store calls {@link #observe} for every capture nobody matched (a stranger passage with
 * its analysed face). When a rule applies to the passage's zone and time, the face joins the cluster whose embedding
 * it matches ({@code stranger.cluster.threshold}, default 0.45) within the rule's fold window, else starts one; each
 * capture publishes {@link #EVENT_ALERT} with the rule's severity and the attribute {@code alarm.source} set to the
 * cluster, so the alarm service folds the repeats into one alarm with a count; the event's snapshot is the best
 * capture's so far (attributes {@code ruleId}, {@code clusterId}, {@code count}, {@code passageId}).
 *
 * <p>Expected bad input throws {@link org.gatehouse.api.GatehouseException}: INVALID {@code bad-rule-id},
 * {@code bad-days}, {@code bad-window}, {@code bad-fold}; NOT_FOUND {@code unknown-zone}, {@code unknown-rule}.
 */
@ProviderType
public interface StrangerService {
    /** Event type of an unknown face under a rule. */
    String EVENT_ALERT = "stranger.alert";

    List<StrangerRule> rules();

    Optional<StrangerRule> rule(String id);

    /** Creates or replaces a rule. Audited. */
    StrangerRule save(StrangerRule rule, String actor);

    void delete(String id, String actor);

    /**
     * Applies the rules to one stranger capture.
     *
     * @return the cluster it joined, empty when no rule applies
     */
    Optional<StrangerAlert> observe(Probe face, Passage passage);

    /** Clusters, newest first. */
    Page<StrangerAlert> alerts(int offset, int limit);
}
