package io.careerdata.backup;

import io.careerdata.common.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which key each stored backup needs, for key rotation: a configured key that no backup uses any
 * more may be removed; a backup whose key is not configured cannot be restored, and is refused
 * before a job starts. Reads the storage on a worker thread.
 */
@ApplicationScoped
public class BackupKeyUsage {

    @Inject
    BackupRepository repository;

    @Inject
    BackupEncryption encryption;

    /** A configured key and the backups made with it. */
    @RegisterForReflection
    public record ConfiguredKey(String name, String setting, String keyId, boolean current, List<String> backups) {
    }

    /** A key that backups name but that is not configured here. */
    @RegisterForReflection
    public record MissingKey(String name, String keyId, List<String> backups) {
    }

    /**
     * The keys and what uses them.
     *
     * @param current     the name of the key new backups use; null when it is the unnamed key or none
     * @param encrypting  whether new backups are encrypted
     * @param keys        the configured keys; one with no backups is no longer needed
     * @param missing     keys that listed backups need and that are not configured
     * @param unencrypted backups written without encryption
     */
    @RegisterForReflection
    public record KeysView(String current, boolean encrypting, List<ConfiguredKey> keys, List<MissingKey> missing,
            List<String> unencrypted) {
    }

    public Uni<KeysView> view() {
        return Uni.createFrom().item(this::usage).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Fails with a 409 problem when a backup of the chain of {@code id} was encrypted with a key
     * that is not configured: the request is sound, the service's keys do not fit the backup, and
     * an operator settles that by configuring the key (then the same request succeeds). A missing
     * backup or a broken chain is left to the job, which reports it.
     */
    public Uni<Void> requireKeys(String id) {
        return Uni.createFrom().item(() -> {
            Optional<Manifest> manifest = repository.manifest(id);
            if (manifest.isEmpty()) {
                return null;
            }
            List<Manifest> chain;
            try {
                chain = repository.chain(manifest.get());
            } catch (IllegalStateException e) {
                return null;
            }
            for (Manifest m : chain) {
                if (m.encryption() != null) {
                    try {
                        encryption.keys().keyOf(m.id(), m.encryption());
                    } catch (BackupKeyRing.MissingKey e) {
                        throw new ProblemException(409, "Backup key not configured", e.getMessage());
                    }
                }
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
    }

    private KeysView usage() {
        BackupKeyRing ring = encryption.keys();
        Map<BackupKeys, List<String>> used = new LinkedHashMap<>();
        ring.all().forEach(k -> used.put(k, new ArrayList<>()));
        Map<String, MissingKey> missing = new LinkedHashMap<>();
        List<String> unencrypted = new ArrayList<>();
        for (Manifest m : repository.all()) {
            Manifest.Encryption e = m.encryption();
            if (e == null) {
                unencrypted.add(m.id());
                continue;
            }
            Optional<BackupKeys> key = BackupKeys.Scheme.ofKeyDerivation(e.keyDerivation())
                    .flatMap(scheme -> ring.find(scheme, String.valueOf(e.keyId())));
            if (key.isPresent()) {
                used.get(key.get()).add(m.id());
            } else {
                missing.computeIfAbsent(e.keyName() + "/" + e.keyId(), k -> new MissingKey(e.keyName(), e.keyId(),
                        new ArrayList<>())).backups().add(m.id());
            }
        }
        Optional<BackupKeys> current = ring.current();
        List<ConfiguredKey> keys = used.entrySet().stream().map(u -> new ConfiguredKey(u.getKey().name(),
                u.getKey().setting(), u.getKey().keyId(BackupKeys.Scheme.CURRENT),
                current.map(u.getKey()::equals).orElse(false), List.copyOf(u.getValue()))).toList();
        return new KeysView(current.map(BackupKeys::name).orElse(null), current.isPresent(), keys,
                missing.values().stream().map(k -> new MissingKey(k.name(), k.keyId(), List.copyOf(k.backups())))
                        .toList(), List.copyOf(unencrypted));
    }
}
