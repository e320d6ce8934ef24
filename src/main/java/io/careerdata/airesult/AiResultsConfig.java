package io.careerdata.airesult;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The AI result store: how large a result may be, and how long the durable copy is kept. */
@ConfigMapping(prefix = "ai-results")
public interface AiResultsConfig {

    /** Largest request body of a PUT, in bytes; larger ones are refused with 413. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** Durable entries stored longer ago than this are deleted by the cleanup. */
    @WithDefault("90D")
    Duration maxAge();

    /** Period of the cleanup, e.g. {@code 6h}; {@code off} disables it. */
    @WithDefault("6h")
    String cleanupEvery();
}
