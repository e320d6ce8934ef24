package io.careerdata.export.erasure;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Used while no cache provides a {@link UserDataEvictor}: nothing is cached, so nothing is evicted. */
@DefaultBean
@ApplicationScoped
public class NoUserDataEvictor implements UserDataEvictor {

    @Override
    public Uni<Void> evictUser(UUID userId) {
        return Uni.createFrom().voidItem();
    }
}
