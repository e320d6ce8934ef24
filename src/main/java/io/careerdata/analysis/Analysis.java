package io.careerdata.analysis;

import io.careerdata.owned.OwnedEntity;
import io.careerdata.common.JsonArrayConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

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

    @Convert(converter = JsonArrayConverter.Strings.class)
    @ColumnTransformer(read = "missing_keywords::text", write = "?::text::jsonb")
    @Column(name = "missing_keywords", nullable = false)
    public List<String> missingKeywords = List.of();

    @Convert(converter = JsonArrayConverter.Strings.class)
    @ColumnTransformer(read = "suggestions::text", write = "?::text::jsonb")
    @Column(nullable = false)
    public List<String> suggestions = List.of();
}
