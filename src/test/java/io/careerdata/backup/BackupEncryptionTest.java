package io.careerdata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunked AES-256-GCM format and the backup keys alone: what they accept and what they refuse. */
class BackupEncryptionTest {

    private static final int CHUNK = BackupEncryption.CHUNK;
    private static final String LEGACY_IDENTITY = "20250101-000000-full-00000000/001-users.copy.gz.enc";
    private static final String LEGACY_ROWS = "1\tZoë \\\\ tab\n2\tline\\nbreak\n";
    private static final String LEGACY_FILE = "Q0RCSwGnTBN3PmMsAAAALHHsIbcQW87c0rPa09NjvFXOkQKoFCjfkmH5NS83Ok2J5wXpSKvSwZWB+8dQ";
    private static final String LEGACY_KEY_ID = "3c9ef1ad7b400b4f";
    private static final String LEGACY_MANIFEST = """
            {
              "format" : 1,
              "id" : "20250101-000000-full-00000000",
              "type" : "full",
              "baseId" : null,
              "since" : null,
              "createdAt" : "2025-01-01T00:00:00Z",
              "schemaVersion" : "4",
              "applicationVersion" : "1.0.0",
              "lineage" : "6f1c3a52-0d5e-4b7e-9a51-2f4c8e1d7b30",
              "snapshot" : "1000:1000:",
              "compression" : "gzip",
              "encryption" : {
                "algorithm" : "AES-256-GCM",
                "keyId" : "3c9ef1ad7b400b4f"
              },
              "tables" : [ {
                "name" : "users",
                "mode" : "complete",
                "columns" : [ "id", "name" ],
                "primaryKey" : [ "id" ],
                "deletionsTracked" : true,
                "file" : {
                  "name" : "001-users.copy.gz.enc",
                  "rows" : 2,
                  "bytes" : 60,
                  "sha256" : "00"
                },
                "tableRows" : 2,
                "tableDigest" : "d"
              } ],
              "deletions" : null,
              "checksum" : "hmac-sha256:72d14efcfacb26d2cded43d1c8ef0233c31bccfc47d1317b953f08b93198c752"
            }
            """;

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

    @Test
    void shouldStillOpenFilesAndManifestsWrittenBeforeTheSubkeys() throws IOException {
        // written by the service before the subkeys, under key bytes(32, 1): format 1, the raw key encrypting
        byte[] legacyFile = Base64.getDecoder().decode(LEGACY_FILE);
        assertThat(legacyFile[4]).isEqualTo((byte) 1);
        assertThat(new String(open(key, legacyFile, LEGACY_IDENTITY), StandardCharsets.UTF_8)).isEqualTo(LEGACY_ROWS);
        ManifestCodec codec = codec(key);
        Manifest legacy = codec.read(LEGACY_MANIFEST.getBytes(StandardCharsets.UTF_8));
        assertThat(legacy.encryption().keyDerivation()).isNull();
        assertThat(codec.problemWithChecksum(legacy)).isNull();
        // and it is still checked: another key, or a changed byte, is refused
        assertThat(codec(new BackupEncryption(bytes(32, 9))).problemWithChecksum(legacy))
                .contains("the unnamed key (key id " + LEGACY_KEY_ID + "), which is not configured");
        Manifest changed = codec.read(LEGACY_MANIFEST.replace("\"tableRows\" : 2", "\"tableRows\" : 3")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(codec.problemWithChecksum(changed)).contains("does not match");
    }

    @Test
    void shouldWriteFilesOfTheSecondFormatUnderASubkey() throws IOException {
        byte[] sealed = seal(key, bytes(100, 4), "b/file");
        assertThat(sealed[4]).isEqualTo((byte) 2);
        byte[] asVersionOne = sealed.clone();
        asVersionOne[4] = 1; // the configured key itself does not open it
        assertThatThrownBy(() -> open(key, asVersionOne, "b/file")).isInstanceOf(IOException.class);
        assertThat(key.keyId()).isNotEqualTo(Optional.of(LEGACY_KEY_ID));
    }

    @Test
    void shouldUseAnotherKeyForTheManifestMacThanForTheFiles() throws IOException {
        BackupKeys keys = new BackupKeys(null, bytes(32, 1));
        byte[] fileKey = keys.fileKey(BackupKeys.Scheme.CURRENT).getEncoded();
        byte[] macKey = keys.macKey(BackupKeys.Scheme.CURRENT);
        assertThat(fileKey).hasSize(32).isNotEqualTo(macKey).isNotEqualTo(bytes(32, 1));
        assertThat(macKey).hasSize(32).isNotEqualTo(bytes(32, 1));

        ManifestCodec codec = codec(key);
        Manifest manifest = codec.read(LEGACY_MANIFEST.getBytes(StandardCharsets.UTF_8))
                .withEncryption(key.manifestEntry().orElseThrow());
        Manifest sealed = codec.read(codec.seal(manifest));
        assertThat(codec.problemWithChecksum(sealed)).isNull();
        byte[] body = codec.mapper().writeValueAsBytes(manifest.withChecksum(null));
        String withFileKey = "hmac-sha256:" + HexFormat.of().formatHex(BackupKeys.hmac(fileKey, body));
        assertThat(codec.problemWithChecksum(manifest.withChecksum(withFileKey))).contains("does not match");
    }

    private static ManifestCodec codec(BackupEncryption encryption) {
        ManifestCodec codec = new ManifestCodec();
        codec.encryption = encryption;
        return codec;
    }

    private static byte[] seal(BackupEncryption encryption, byte[] plain, String identity) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream sealed = encryption.encrypt(out, identity)) {
            sealed.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] open(BackupEncryption encryption, byte[] sealed, String identity) throws IOException {
        try (InputStream in = encryption.decrypt(new ByteArrayInputStream(sealed), identity, "b",
                encryption.manifestEntry().orElseThrow())) {
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
