package io.careerdata.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads and writes manifests, and seals them with their checksum. Uses a mapper of its own: the
 * bytes a checksum covers must not change when someone configures the REST layer's mapper.
 */
@ApplicationScoped
public class ManifestCodec {

    static final String FILE = "manifest.json";
    private static final String SHA = "sha256:";
    private static final String HMAC = "hmac-sha256:";

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    BackupEncryption encryption;

    /** The manifest with its checksum, as stored. */
    public byte[] seal(Manifest manifest) throws IOException {
        Manifest unsealed = manifest.withChecksum(null);
        byte[] body = mapper.writeValueAsBytes(unsealed);
        String checksum = manifest.encryption() != null ? hmac(manifest, body) : SHA + sha256(body);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(unsealed.withChecksum(checksum));
    }

    /** Parses a stored manifest; {@link #problemWithChecksum} tells whether it may be trusted. */
    public Manifest read(byte[] stored) throws IOException {
        return mapper.readValue(stored, Manifest.class);
    }

    /** Null when the checksum matches, otherwise what is wrong. */
    public String problemWithChecksum(Manifest manifest) throws IOException {
        String checksum = manifest.checksum();
        if (checksum == null) {
            return "the manifest has no checksum";
        }
        byte[] body = mapper.writeValueAsBytes(manifest.withChecksum(null));
        String expected;
        if (manifest.encryption() != null) {
            if (!checksum.startsWith(HMAC)) {
                return "an encrypted backup's manifest must be sealed with its key";
            }
            try {
                expected = hmac(manifest, body);
            } catch (BackupKeyRing.MissingKey e) {
                return e.getMessage();
            }
        } else {
            expected = SHA + sha256(body);
        }
        return MessageDigest.isEqual(expected.getBytes(), checksum.getBytes()) ? null
                : "the manifest checksum does not match its content";
    }

    /**
     * The keyed seal of an encrypted manifest, under the key and scheme it names.
     *
     * @throws BackupKeyRing.MissingKey when that key or scheme is not known here
     */
    private String hmac(Manifest manifest, byte[] body) {
        BackupKeys key = encryption.keys().keyOf(manifest.id(), manifest.encryption());
        BackupKeys.Scheme scheme = BackupKeys.Scheme.ofKeyDerivation(manifest.encryption().keyDerivation()).orElseThrow();
        return HMAC + HexFormat.of().formatHex(encryption.manifestMac(body, key, scheme));
    }

    ObjectMapper mapper() {
        return mapper;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
