package io.careerdata.skill;

import io.careerdata.owned.OwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Entity
@Table(name = "skills")
public class Skill extends OwnedEntity {

    /** The constants are the values on the wire and in the column. */
    @Schema(name = "SkillLevel")
    public enum Level {
        beginner, intermediate, advanced, expert
    }

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level level;

    @Column(name = "years_experience")
    public BigDecimal yearsExperience;
}
