package io.careerdata.backup;

import io.careerdata.backup.storage.BackupNames;
import io.careerdata.backup.storage.BackupStorage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The backups in the storage, as their manifests say: listing, chains, dependents, the last
 * verification. The storage is the truth (the database may be the thing being recovered). Blocking.
 */
@ApplicationScoped
public class BackupRepository {

    static final String VERIFICATION_FILE = "verification.json";
    private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    @Inject
    BackupStorage storage;

    @Inject
    ManifestCodec codec;

    /** One line of the backup list; {@code verified} is the last verification, if any. */
    @RegisterForReflection
    public record Summary(String id, BackupType type, String baseId, Instant createdAt, long bytes, long rows,
            String schemaVersion, boolean encrypted, Verified verified) {
    }

    /** The last verification: when, and whether it passed. */
    @RegisterForReflection
    public record Verified(Instant at, boolean ok) {
    }

    /** The manifest of a backup, as stored (its checksum is not checked here). */
    public Optional<Manifest> manifest(String id) {
        if (!BackupNames.isBackupId(id)) {
            return Optional.empty();
        }
        try (InputStream in = storage.open(id, ManifestCodec.FILE)) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw new IOException("manifest too large");
            }
            return Optional.of(codec.read(bytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the manifest of backup " + id + " cannot be read", e);
        }
    }

    /** Every backup whose manifest can be read, newest first. Unreadable ones are left out (verify tells why). */
    public List<Manifest> all() {
        List<Manifest> manifests = new ArrayList<>();
        try {
            for (String id : storage.list()) {
                try {
                    manifest(id).filter(m -> id.equals(m.id())).ifPresent(manifests::add);
                } catch (UncheckedIOException e) {
                    // a damaged manifest: not part of any chain
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        manifests.sort(Comparator.comparing(Manifest::createdAt).thenComparing(Manifest::id).reversed());
        return manifests;
    }

    public Summary summary(Manifest m) {
        return new Summary(m.id(), m.type(), m.baseId(), m.createdAt(), m.totalBytes(), m.totalRows(), m.schemaVersion(),
                m.encryption() != null, lastVerification(m.id()).orElse(null));
    }

    /** The backups a restore of {@code manifest} needs, the full one first; fails when one is missing. */
    public List<Manifest> chain(Manifest manifest) {
        List<Manifest> chain = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        Manifest current = manifest;
        while (current != null) {
            if (!seen.add(current.id())) {
                throw new IllegalStateException("the chain of backup " + manifest.id() + " loops");
            }
            chain.add(current);
            if (current.type() == BackupType.FULL) {
                break;
            }
            String baseId = current.baseId();
            current = manifest(baseId).orElseThrow(() -> new IllegalStateException(
                    "base backup " + baseId + " of the chain is missing"));
        }
        Collections.reverse(chain);
        return chain;
    }

    /** Backups whose base is {@code id}. */
    public List<String> dependents(String id, List<Manifest> all) {
        return all.stream().filter(m -> id.equals(m.baseId())).map(Manifest::id).toList();
    }

    public Optional<Verified> lastVerification(String id) {
        try (InputStream in = storage.open(id, VERIFICATION_FILE)) {
            BackupVerifier.Report report = codec.mapper().readValue(in, BackupVerifier.Report.class);
            return Optional.of(new Verified(report.checkedAt(), report.ok()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void recordVerification(BackupVerifier.Report report) {
        try {
            storage.writeSmall(report.backupId(), VERIFICATION_FILE, codec.mapper().writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
