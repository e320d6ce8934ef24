package io.careerdata.skill;

import io.careerdata.cache.CacheCategory;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/skills")
@Tag(name = "Skills")
public class SkillResource extends OwnedResource<Skill, SkillRequest> {

    @Produces
    static final OwnedCollection<Skill> COLLECTION = new OwnedCollection<>(Skill.class, Skill::new, CacheCategory.SKILLS, "Skill");

    public SkillResource() {
        super(COLLECTION);
    }
}
