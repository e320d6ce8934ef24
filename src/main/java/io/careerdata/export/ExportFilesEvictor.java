package io.careerdata.export;

import io.careerdata.privacy.UserDataEvictor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Erasure's hook into the exports: once a person's rows are gone, so are their export files. */
@ApplicationScoped
public class ExportFilesEvictor implements UserDataEvictor {

    private final ExportStorage storage;

    ExportFilesEvictor(ExportStorage storage) {
        this.storage = storage;
    }

    @Override
    public Uni<Void> evictUser(UUID userId) {
        return storage.deleteUserFiles(userId);
    }
}
