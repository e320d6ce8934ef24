package io.careerdata.resume;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.CreationTimestamp;

/** One version of a resume's text, as written and with personal data redacted. Never changed. */
@Entity
@Table(name = "resume_versions")
public class ResumeVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue
    @JsonIgnore
    public UUID id;

    @Column(name = "resume_id", nullable = false, updatable = false)
    public UUID resumeId;

    @Column(nullable = false, updatable = false)
    public int version;

    @Column(name = "raw_text", nullable = false, updatable = false)
    public String rawText;

    /** The text with emails, phone numbers and links replaced, for analysis by third-party models. */
    @Column(name = "redacted_text", nullable = false, updatable = false)
    public String redactedText;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    static ResumeVersion of(Resume resume, String text) {
        ResumeVersion version = new ResumeVersion();
        version.resumeId = resume.id;
        version.version = resume.currentVersion;
        version.rawText = text;
        version.redactedText = PiiRedactor.redact(text);
        return version;
    }
}
