package io.careerdata.agenttask;

import io.careerdata.owned.OwnedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

@RegisterForReflection
public record AgentTaskRequest(
        @NotBlank @Size(max = 100) String agent,
        @NotBlank @Size(max = 100) String taskType,
        AgentTask.Status status,
        @Min(0) @Max(10) Integer priority,
        @Size(max = 200) Map<String, Object> payload,
        @Size(max = 200) Map<String, Object> result,
        @Size(max = 10_000) String error) implements OwnedRequest<AgentTask> {

    @Override
    public void applyTo(AgentTask task) {
        task.agent = agent.trim();
        task.taskType = taskType.trim();
        task.status = status == null ? AgentTask.Status.pending : status;
        task.priority = priority == null ? 5 : priority;
        task.payload = payload == null ? Map.of() : payload;
        task.result = result;
        task.error = error;
    }
}
