package io.careerdata.generatedresume;

import io.careerdata.owned.OwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A resume written by a model for a job: its text, the model and how it was generated. */
@Entity
@Table(name = "generated_resumes")
public class GeneratedResume extends OwnedEntity {

    @Column(name = "resume_id")
    public UUID resumeId;

    @Column(name = "job_description_id")
    public UUID jobDescriptionId;

    @Column(name = "model_used", nullable = false)
    public String modelUsed;

    @Column(nullable = false)
    public String content;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "generation_metadata", nullable = false)
    public Map<String, Object> generationMetadata = Map.of();
}
