package io.careerdata.owned;

import java.util.List;
import java.util.UUID;

/** The body of a create or update of a user-owned record. */
public interface OwnedRequest<E extends OwnedEntity> {

    /** Copies this request onto the entity: a new one, or the stored one on update. */
    void applyTo(E entity);

    /** Ids this request points at; each must exist, and an owned one must belong to the same user. */
    default List<Reference> references() {
        return List.of();
    }

    /** A reference from a request field to another record. */
    record Reference(String field, Class<?> type, UUID id) {
    }
}
