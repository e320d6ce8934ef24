package io.careerdata.owned;

import io.careerdata.common.TrackedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;

/** A record that belongs to one user: the shape of every table under {@code /users/{userId}/...}. */
@MappedSuperclass
public abstract class OwnedEntity extends TrackedEntity {

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;
}
