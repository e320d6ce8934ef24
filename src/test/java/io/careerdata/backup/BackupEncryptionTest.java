package io.careerdata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunked AES-256-GCM format alone: what it accepts and what it refuses. */
class BackupEncryptionTest {

    private static final int CHUNK = BackupEncryption.CHUNK;
    private final BackupEncryption key = new BackupEncryption(bytes(32, 1));

    @Test
    void shouldRoundTripDataOfManyChunksAndOfNone() throws IOException {
        for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17}) {
            byte[] plain = bytes(size, size);
            byte[] sealed = seal(key, plain, "b/file");
            assertThat(open(key, sealed, "b/file")).as("size %d", size).isEqualTo(plain);
            if (size > 64) {
                assertThat(indexOf(sealed, Arrays.copyOfRange(plain, 0, 32))).isNegative();
            }
        }
    }

    @Test
    void shouldRefuseAWrongKeyAnotherFilesIdentityAndAFlippedBit() throws IOException {
        byte[] sealed = seal(key, bytes(1000, 2), "b/file");
        assertThatThrownBy(() -> open(new BackupEncryption(bytes(32, 9)), sealed, "b/file")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> open(key, sealed, "b/other-file")).isInstanceOf(IOException.class);
        byte[] flipped = sealed.clone();
        flipped[flipped.length / 2] ^= 1;
        assertThatThrownBy(() -> open(key, flipped, "b/file")).isInstanceOf(IOException.class);
    }

    @Test
    void shouldRefuseAFileCutAtAChunkBoundaryOrWithChunksSwapped() throws IOException {
        byte[] sealed = seal(key, bytes(3 * CHUNK, 3), "b/file");
        int header = 12;
        int sealedChunk = 4 + CHUNK + 16;
        // whole chunks dropped from the end: every remaining chunk is intact, the last one is not marked last
        byte[] cut = Arrays.copyOf(sealed, header + 2 * sealedChunk);
        assertThatThrownBy(() -> open(key, cut, "b/file")).isInstanceOf(IOException.class);
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, header, swapped, header + sealedChunk, sealedChunk);
        System.arraycopy(sealed, header + sealedChunk, swapped, header, sealedChunk);
        assertThatThrownBy(() -> open(key, swapped, "b/file")).isInstanceOf(IOException.class);
    }

    @Test
    void shouldNameKeysWithoutRevealingThem() {
        assertThat(key.keyId()).hasValueSatisfying(id -> assertThat(id).hasSize(16));
        assertThat(new BackupEncryption(bytes(32, 9)).keyId()).isNotEqualTo(key.keyId());
        assertThat(new BackupEncryption((byte[]) null).keyId()).isEmpty();
    }

    private static byte[] seal(BackupEncryption encryption, byte[] plain, String identity) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream sealed = encryption.encrypt(out, identity)) {
            sealed.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] open(BackupEncryption encryption, byte[] sealed, String identity) throws IOException {
        try (InputStream in = encryption.decrypt(new ByteArrayInputStream(sealed), identity)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
