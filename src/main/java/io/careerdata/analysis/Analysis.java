package io.careerdata.analysis;

import io.careerdata.owned.OwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** How well a resume matches a job description, and what to improve. */
@Entity
@Table(name = "analyses")
public class Analysis extends OwnedEntity {

    @Column(name = "resume_id")
    public UUID resumeId;

    @Column(name = "job_description_id")
    public UUID jobDescriptionId;

    /** 0 to 100. */
    @Column(name = "match_score", nullable = false)
    public BigDecimal matchScore;

    /** 0 to 1, from embeddings. */
    @Column(name = "semantic_similarity")
    public Double semanticSimilarity;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "missing_keywords", nullable = false)
    public List<String> missingKeywords = List.of();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> suggestions = List.of();
}
