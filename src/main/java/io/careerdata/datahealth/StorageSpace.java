package io.careerdata.datahealth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Free space of the file system that holds a directory (or would, once created). Blocking. */
record StorageSpace(long usableBytes, long totalBytes) {

    static StorageSpace of(Path directory) {
        Path existing = directory.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalStateException("no part of " + directory + " exists");
        }
        try {
            FileStore store = Files.getFileStore(existing);
            return new StorageSpace(store.getUsableSpace(), store.getTotalSpace());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double freeShare() {
        return totalBytes == 0 ? 0 : (double) usableBytes / totalBytes;
    }

    /** The figures, and a problem when less than {@code minShare} is free (null otherwise). */
    String problem(String what, double minShare) {
        return freeShare() < minShare ? what + " has " + Math.round(freeShare() * 1000) / 10.0 + " % free, under "
                + Math.round(minShare * 1000) / 10.0 + " %" : null;
    }

    Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("freeBytes", usableBytes);
        facts.put("totalBytes", totalBytes);
        facts.put("freeShare", Math.round(freeShare() * 1000) / 1000.0);
        return facts;
    }
}
