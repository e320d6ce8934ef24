package io.careerdata.backup.storage;

import io.careerdata.backup.BackupConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Backups as directories under one root: {@code <root>/<backup id>/<file>}. A backup is written
 * into a hidden draft directory and renamed into place when complete, so a crash never leaves a
 * half-written backup that looks like a real one.
 */
@ApplicationScoped
public class FileSystemBackupStorage implements BackupStorage {

    private static final String DRAFT_PREFIX = ".draft-";
    private static final String TRASH_PREFIX = ".deleting-";

    private final Path root;

    @Inject
    public FileSystemBackupStorage(BackupConfig config) {
        this(Path.of(config.directory()));
    }

    public FileSystemBackupStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Draft create(String backupId) throws IOException {
        Files.createDirectories(root);
        Path target = inRoot(BackupNames.requireBackupId(backupId));
        Path draft = inRoot(DRAFT_PREFIX + backupId);
        Files.createDirectory(draft);
        return new Draft() {
            private boolean published;

            @Override
            public OutputStream write(String file) throws IOException {
                return new BufferedOutputStream(Files.newOutputStream(
                        draft.resolve(BackupNames.requireFileName(file)), StandardOpenOption.CREATE_NEW), 1 << 16);
            }

            @Override
            public void publish() throws IOException {
                try (Stream<Path> files = Files.list(draft)) {
                    for (Path file : files.toList()) {
                        force(file);
                    }
                }
                Files.move(draft, target, StandardCopyOption.ATOMIC_MOVE);
                published = true;
            }

            @Override
            public void close() throws IOException {
                if (!published) {
                    deleteTree(draft);
                }
            }
        };
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (BackupNames.isBackupId(name) && Files.isDirectory(entry)) {
                    ids.add(name);
                }
            }
        }
        return ids;
    }

    @Override
    public boolean exists(String backupId) {
        return BackupNames.isBackupId(backupId) && Files.isDirectory(inRoot(backupId));
    }

    @Override
    public InputStream open(String backupId, String file) throws IOException {
        return Files.newInputStream(fileOf(backupId, file));
    }

    @Override
    public Optional<Long> size(String backupId, String file) throws IOException {
        Path path = fileOf(backupId, file);
        return Files.exists(path) ? Optional.of(Files.size(path)) : Optional.empty();
    }

    @Override
    public void writeSmall(String backupId, String file, byte[] content) throws IOException {
        Path target = fileOf(backupId, file);
        if (!Files.isDirectory(target.getParent())) {
            throw new NoSuchFileException(backupId);
        }
        Path temp = target.resolveSibling("." + file + ".tmp");
        Files.write(temp, content);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void delete(String backupId) throws IOException {
        Path dir = inRoot(BackupNames.requireBackupId(backupId));
        Path trash = inRoot(TRASH_PREFIX + backupId);
        // renamed first, so a backup is either whole or gone, never half deleted
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(trash);
    }

    @Override
    public void removeDraft(String backupId) throws IOException {
        deleteTree(inRoot(DRAFT_PREFIX + BackupNames.requireBackupId(backupId)));
    }

    @Override
    public int removeAbandonedDrafts(long ageMillis) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        long cutoff = System.currentTimeMillis() - ageMillis;
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean leftover = name.startsWith(DRAFT_PREFIX) || name.startsWith(TRASH_PREFIX);
                if (leftover && Files.getLastModifiedTime(entry).toMillis() < cutoff) {
                    deleteTree(entry);
                    removed++;
                }
            }
        }
        return removed;
    }

    private Path fileOf(String backupId, String file) {
        return inRoot(BackupNames.requireBackupId(backupId)).resolve(BackupNames.requireFileName(file));
    }

    /** Resolves a checked name below the root; the check above is the defence, this one a second line. */
    private Path inRoot(String name) {
        Path path = root.resolve(name).normalize();
        if (!path.getParent().equals(root)) {
            throw new IllegalArgumentException("path outside the backup directory");
        }
        return path;
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
