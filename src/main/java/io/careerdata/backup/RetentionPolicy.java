package io.careerdata.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which backups retention deletes. A backup is due when it is older than the maximum age or not
 * among the newest {@code maxCount} (whichever limit is stricter). Two rules win over both limits:
 * <ol>
 * <li>the newest full backup whose last verification passed is kept (the newest full, while no full
 *     has passed a verification yet);</li>
 * <li>a backup is kept while a kept incremental depends on it, directly or through other incrementals.</li>
 * </ol>
 * So more than {@code maxCount} backups, or older ones, may stay when the rules need them.
 */
final class RetentionPolicy {

    private RetentionPolicy() {
    }

    /**
     * @param newestFirst every backup, newest first
     * @param verifiedOk  whether a backup's last verification passed
     * @return the ids to delete, dependents before their bases
     */
    static List<String> toDelete(List<Manifest> newestFirst, Predicate<String> verifiedOk, Instant now, Duration maxAge,
            int maxCount) {
        Instant cutoff = now.minus(maxAge);
        Map<String, Manifest> byId = new HashMap<>();
        newestFirst.forEach(m -> byId.put(m.id(), m));

        Set<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Manifest m = newestFirst.get(i);
            if (i < maxCount && !m.createdAt().isBefore(cutoff)) {
                kept.add(m.id());
            }
        }
        List<Manifest> fulls = newestFirst.stream().filter(m -> m.type() == BackupType.FULL).toList();
        Optional<Manifest> anchor = fulls.stream().filter(m -> verifiedOk.test(m.id())).findFirst()
                .or(() -> fulls.stream().findFirst());
        anchor.ifPresent(m -> kept.add(m.id()));

        for (String id : List.copyOf(kept)) {
            Manifest m = byId.get(id);
            while (m != null && m.baseId() != null) {
                kept.add(m.baseId());
                m = byId.get(m.baseId());
            }
        }
        List<String> delete = new ArrayList<>();
        for (Manifest m : newestFirst) {
            if (!kept.contains(m.id())) {
                delete.add(m.id());
            }
        }
        return delete;
    }
}
