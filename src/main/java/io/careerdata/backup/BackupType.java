package io.careerdata.backup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Locale;

/** Full: every row of every table. Incremental: the rows changed and deleted since its base. */
@RegisterForReflection
public enum BackupType {
    FULL, INCREMENTAL;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BackupType of(String value) {
        for (BackupType type : values()) {
            if (type.value().equalsIgnoreCase(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown backup type " + value);
    }
}
