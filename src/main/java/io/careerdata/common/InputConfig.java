package io.careerdata.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on request bodies beyond the HTTP body size (quarkus.http.limits.max-body-size). */
@ConfigMapping(prefix = "input")
public interface InputConfig {

    /** The largest JSON document one field of a body may hold (each is stored as one jsonb value). */
    @WithDefault("256K")
    MemorySize maxDocumentSize();
}
