package io.careerdata.airesult;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a PUT: the result (an array of numbers for embeddings) and, optionally, the model that made it. */
@RegisterForReflection
public record AiResultRequest(JsonNode value, String model) {
}
