package io.careerdata.cache;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The masters of a Redis Cluster, one at a time, each over a connection of its own: SCAN walks the
 * keys of the node it is sent to only, so clearing a pattern must visit every master. The masters
 * come from {@code CLUSTER SLOTS}; each is reached with the scheme, credentials and database of the
 * first configured host.
 */
@Singleton
class ClusterMasters {

    private final Vertx vertx;
    private final GuardedRedis redis;
    private final Optional<String> hosts;
    private final Optional<String> password;

    ClusterMasters(Vertx vertx, GuardedRedis redis,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> password) {
        this.vertx = vertx;
        this.redis = redis;
        this.hosts = hosts;
        this.password = password;
    }

    /** Runs {@code work} on each master in turn (given a way to send to that node) and sums what it answers. */
    Uni<Long> sumOverEach(Function<Function<Request, Uni<Response>>, Uni<Long>> work) {
        return redis.send(Request.cmd(Command.CLUSTER).arg("SLOTS"))
                .map(ClusterMasters::masters)
                .chain(masters -> Multi.createFrom().iterable(masters)
                        .onItem().transformToUniAndConcatenate(master -> onMaster(master, work))
                        .collect().with(java.util.stream.Collectors.summingLong(Long::longValue)));
    }

    private Uni<Long> onMaster(String master, Function<Function<Request, Uni<Response>>, Uni<Long>> work) {
        RedisOptions options = new RedisOptions().setConnectionString(endpoint(master));
        password.ifPresent(options::setPassword);
        Redis client = Redis.createClient(vertx, options);
        return client.connect()
                .chain(connection -> work.apply(connection::send).eventually(connection::close))
                .eventually(client::close);
    }

    /** {@code host:port} of each slot range's master (the first node of each entry). */
    static Set<String> masters(Response slots) {
        Set<String> masters = new LinkedHashSet<>();
        for (Response range : slots) {
            Response node = range.get(2);
            masters.add(node.get(0).toString() + ':' + node.get(1).toLong());
        }
        return masters;
    }

    private String endpoint(String master) {
        int colon = master.lastIndexOf(':');
        String first = hosts.map(list -> list.split(",")[0].trim()).orElse("redis://localhost:6379");
        try {
            URI base = new URI(first);
            return new URI(base.getScheme(), base.getUserInfo(), master.substring(0, colon),
                    Integer.parseInt(master.substring(colon + 1)), base.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("quarkus.redis.hosts holds an invalid URI: " + first, e);
        }
    }
}
