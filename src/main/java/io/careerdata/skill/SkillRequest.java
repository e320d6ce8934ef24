package io.careerdata.skill;

import io.careerdata.owned.OwnedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

@RegisterForReflection
public record SkillRequest(
        @NotBlank @Size(max = 100) String name,
        Skill.Level level,
        @DecimalMin("0") @DecimalMax("80") BigDecimal yearsExperience) implements OwnedRequest<Skill> {

    @Override
    public void applyTo(Skill skill) {
        skill.name = name.trim();
        skill.level = level == null ? Skill.Level.intermediate : level;
        skill.yearsExperience = yearsExperience;
    }
}
