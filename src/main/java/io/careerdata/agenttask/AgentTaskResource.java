package io.careerdata.agenttask;

import io.careerdata.cache.CacheCategory;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/agent-tasks")
@Tag(name = "Agent tasks")
public class AgentTaskResource extends OwnedResource<AgentTask, AgentTaskRequest> {

    @Produces
    static final OwnedCollection<AgentTask> COLLECTION = new OwnedCollection<>(AgentTask.class, AgentTask::new, CacheCategory.AGENT_TASKS, "Agent task");

    public AgentTaskResource() {
        super(COLLECTION);
    }
}
