package io.careerdata.export;

import io.careerdata.privacy.UserDataEvictor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Erasure's hook into the exports: once a person's rows are gone, their running exports here are stopped
 * (and awaited), then their export files are deleted. An export another replica is making stops at that
 * replica's next heartbeat, which finds its row gone, and deletes its own files.
 */
@ApplicationScoped
public class ExportFilesEvictor implements UserDataEvictor {

    private final ExportStorage storage;
    private final RunningExports running;
    private final ExportConfig config;

    ExportFilesEvictor(ExportStorage storage, RunningExports running, ExportConfig config) {
        this.storage = storage;
        this.running = running;
        this.config = config;
    }

    @Override
    public Uni<Void> evictUser(UUID userId) {
        return running.stopUser(userId, config.erasureWait()).chain(() -> storage.deleteUserFiles(userId));
    }
}
