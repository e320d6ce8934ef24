package io.careerdata.roadmap;

import io.careerdata.common.JsonArrayConverter;
import io.careerdata.owned.OwnedEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.ColumnTransformer;

/** A plan towards a target role: milestones and how far along it is. */
@Entity
@Table(name = "career_roadmaps")
public class CareerRoadmap extends OwnedEntity {

    /** The constants are the values on the wire and in the column. */
    @Schema(name = "CareerRoadmapStatus")
    public enum Status {
        active, completed, archived
    }

    /** One step of a roadmap, stored in the milestones JSONB document. */
    @RegisterForReflection
    public record Milestone(@NotBlank @Size(max = 300) String title, boolean done, LocalDate dueDate) {
    }

    @Column(nullable = false)
    public String title;

    @Column(name = "target_role")
    public String targetRole;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** 0 to 100. */
    @Column(nullable = false)
    public int progress;

    @Convert(converter = MilestonesConverter.class)
    @ColumnTransformer(read = "milestones::text", write = "?::text::jsonb")
    @Column(nullable = false)
    public List<Milestone> milestones = List.of();

    /** The milestones column as a JSON array (see {@link JsonArrayConverter}); Hibernate creates it by reflection. */
    @RegisterForReflection(methods = false, fields = false)
    public static class MilestonesConverter extends JsonArrayConverter<Milestone> {
        public MilestonesConverter() {
            super(Milestone.class);
        }
    }
}
