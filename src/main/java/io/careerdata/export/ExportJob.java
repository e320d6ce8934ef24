package io.careerdata.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One export of a person's data: what was asked for, how far it is, and the file's size and
 * checksum once it is ready. This is also the API's answer; the file's location is never in it.
 */
@Entity
@Table(name = "export_jobs")
public class ExportJob extends PanacheEntityBase {

    /** Made by the service; the only name a download is asked for by. */
    @Id
    public UUID id;

    /** The person whose data the export holds, who may download it. */
    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ExportFormat format;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ExportScope scope;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExportState state;

    /** Percent of the categories written so far. */
    @Column(nullable = false)
    public int progress;

    @Column(name = "rows_written", nullable = false)
    public long rowsWritten;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    /** SHA-256 of the file handed out, in hex: lets the owner check a download. */
    public String sha256;

    /** Why a failed export failed, in words for the owner (details are in the service's log). */
    public String error;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    /** Whether asking again may succeed: the export was lost with its replica or interrupted by a shutdown. */
    @Column(nullable = false)
    public boolean retryable;

    /** The replica making it (internal: a host name). */
    @JsonIgnore
    @Column(name = "instance_id", updatable = false)
    public String instanceId;

    /** Refreshed by the replica making it every few seconds (see JobHeartbeats). */
    @JsonIgnore
    @Column(name = "heartbeat_at", updatable = false)
    public Instant heartbeatAt;
}
