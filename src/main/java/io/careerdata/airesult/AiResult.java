package io.careerdata.airesult;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One stored AI result: for embeddings, {@code value} is the array of floats. */
@RegisterForReflection
public record AiResult(String namespace, String hash, String model, JsonNode value, Instant storedAt) {
}
