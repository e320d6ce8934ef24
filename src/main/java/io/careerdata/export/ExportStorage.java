package io.careerdata.export;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where export files live: {@code <storage-dir>/<user id>/<export id>.<extension>}, and
 * {@code <export id>.work/} while one is being made. Every path is built from ids the service
 * made (UUIDs), never from text a request carries, and is checked to stay inside the storage
 * directory. Methods returning {@code Uni} run their file work on a worker thread.
 */
@ApplicationScoped
public class ExportStorage {

    private static final int UUID_LENGTH = 36;

    @Inject
    ExportConfig config;

    Path root() {
        return config.storageDir().toAbsolutePath().normalize();
    }

    Path userDir(UUID userId) {
        return inside(root().resolve(userId.toString()));
    }

    /** The file handed out for an export. */
    Path file(UUID userId, UUID exportId, ExportFormat format) {
        return inside(userDir(userId).resolve(exportId + "." + format.extension()));
    }

    /** Scratch space of an export while it is being made. */
    Path workDir(UUID userId, UUID exportId) {
        return inside(userDir(userId).resolve(exportId + ".work"));
    }

    Uni<Void> deleteExport(UUID userId, UUID exportId) {
        return blocking(() -> deleteExportNow(userId, exportId));
    }

    /** Deletes every export file of a person (erasure). */
    Uni<Void> deleteUserFiles(UUID userId) {
        return blocking(() -> deleteTree(userDir(userId)));
    }

    void deleteExportNow(UUID userId, UUID exportId) {
        try (Stream<Path> files = list(userDir(userId))) {
            files.filter(path -> path.getFileName().toString().startsWith(exportId.toString()))
                    .forEach(ExportStorage::deleteTree);
        }
    }

    /**
     * Every file and work directory under the storage directory, by the export id its name starts
     * with; empty user directories are removed on the way. Names that are not an export's are left alone.
     */
    Map<UUID, List<Path>> exportPathsById() {
        Map<UUID, List<Path>> byId = new HashMap<>();
        try (Stream<Path> users = list(root())) {
            for (Path userDir : users.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = list(userDir)) {
                    files.forEach(path -> {
                        UUID id = exportIdOf(path);
                        if (id != null) {
                            byId.computeIfAbsent(id, key -> new ArrayList<>()).add(path);
                        }
                    });
                }
                deleteIfEmpty(userDir);
            }
        }
        return byId;
    }

    /** Deletes an export's files, and its user directory when nothing else is left in it. */
    static void deleteAll(List<Path> paths) {
        paths.forEach(ExportStorage::deleteTree);
        paths.stream().map(Path::getParent).distinct().forEach(ExportStorage::deleteIfEmpty);
    }

    /**
     * Deletes a file or directory tree. A tree that an export still being stopped writes into changes
     * underfoot (an entry vanishes, a directory fills again): the deletion is then tried again.
     */
    static void deleteTree(Path path) {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTreeOnce(path);
                return;
            } catch (DirectoryNotEmptyException | UncheckedIOException e) {
                if (attempt == 5) {
                    throw e instanceof UncheckedIOException u ? u : new UncheckedIOException((IOException) e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteTreeOnce(Path path) throws IOException {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (NoSuchFileException gone) {
            // nothing to delete
        }
    }

    private static UUID exportIdOf(Path path) {
        String name = path.getFileName().toString();
        if (name.length() <= UUID_LENGTH || name.charAt(UUID_LENGTH) != '.') {
            return null;
        }
        try {
            return UUID.fromString(name.substring(0, UUID_LENGTH));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException notEmpty) {
            // holds exports still
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (NoSuchFileException gone) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses any path outside the storage directory; ids cannot lead there, this keeps it so. */
    private Path inside(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        if (!normalized.startsWith(root()) || normalized.equals(root())) {
            throw new IllegalArgumentException("an export path must stay inside the storage directory");
        }
        return normalized;
    }

    private static Uni<Void> blocking(Runnable work) {
        return Uni.createFrom().item(() -> {
            work.run();
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
