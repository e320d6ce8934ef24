package io.careerdata.agenttask;

import io.careerdata.owned.OwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Work an AI agent does for a user: what, how urgent, in which state, with what outcome. */
@Entity
@Table(name = "agent_tasks")
public class AgentTask extends OwnedEntity {

    /** The constants are the values on the wire and in the column. */
    @Schema(name = "AgentTaskStatus")
    public enum Status {
        pending, running, succeeded, failed, cancelled
    }

    @Column(nullable = false)
    public String agent;

    @Column(name = "task_type", nullable = false)
    public String taskType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** 0 (lowest) to 10 (highest). */
    @Column(nullable = false)
    public int priority;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> payload = Map.of();

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> result;

    public String error;
}
