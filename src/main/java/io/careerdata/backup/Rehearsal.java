package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Stage;
import io.careerdata.backup.storage.BackupStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A chain loaded into temporary stand-ins of the tables ({@link StandInTables}) and compared with
 * its newest manifest, in a transaction that is always rolled back: the live data is never
 * touched. Shared by the dry run and the drill. Blocking, holding the backup lock.
 */
@ApplicationScoped
class Rehearsal {

    /** What to learn from the loaded stand-ins before they are rolled back. */
    @FunctionalInterface
    interface Inspection<T> {
        T of(Connection connection, ChainLoader loader, List<Manifest> chain) throws SQLException;
    }

    @Inject
    BackupLock lock;

    @Inject
    BackupVerification verification;

    @Inject
    BackupStorage storage;

    @Inject
    BackupFiles files;

    /**
     * @param backup   the backup to rehearse, chosen once the lock is held
     * @param mismatch how a failure begins, given the backup's id, when the loaded tables differ from its manifest
     */
    <T> T run(Supplier<Manifest> backup, ChainLoader.Listener listener, Function<String, String> mismatch,
            Inspection<T> inspection) {
        return lock.locked(connection -> {
            Manifest manifest = backup.get();
            List<Manifest> chain = verification.verifiedChain(connection, manifest);
            connection.setAutoCommit(false);
            try {
                ChainLoader loader = new ChainLoader(new StandInTables(connection), storage, files);
                loader.load(chain, listener);
                List<String> problems = loader.digestDifferences(chain.get(chain.size() - 1));
                if (!problems.isEmpty()) {
                    throw new BackupFailure(Stage.VERIFICATION, mismatch.apply(manifest.id())
                            + String.join("; ", problems), null);
                }
                return inspection.of(connection, loader, chain);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });
    }
}
