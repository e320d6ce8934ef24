package io.careerdata.testing;

import io.careerdata.embedded.EmbeddedServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import redis.embedded.RedisSentinel;

/**
 * A real Redis Cluster (3 masters, each with a replica) or Sentinel setup (a master, a replica and
 * three sentinels), started from the embedded redis-server binary on loopback, with failure
 * detection in about a second so a failover fits in a test. The nodes are joined over the protocol
 * (the binary comes without redis-cli): ADDSLOTS, MEET, REPLICATE.
 */
public final class RedisTopology implements AutoCloseable {

    public static final String MASTER_NAME = "careerdata";
    private static final Duration READY = Duration.ofSeconds(60);

    private final Vertx vertx = Vertx.vertx();
    private final List<redis.embedded.Redis> processes = new ArrayList<>();
    private final List<Integer> masters = new ArrayList<>();
    private final List<Integer> replicas = new ArrayList<>();
    private final List<Integer> sentinels = new ArrayList<>();
    private final List<Integer> killed = new ArrayList<>();
    private final boolean cluster;

    private RedisTopology(boolean cluster) {
        this.cluster = cluster;
    }

    public static RedisTopology cluster(Path dir) {
        return start(true, dir);
    }

    public static RedisTopology sentinel(Path dir) {
        return start(false, dir);
    }

    private static RedisTopology start(boolean cluster, Path dir) {
        RedisTopology topology = new RedisTopology(cluster);
        try {
            createDirectories(dir);
            if (cluster) {
                topology.startCluster(dir);
            } else {
                topology.startSentinel(dir);
            }
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
        return topology;
    }

    /** The Quarkus Redis client's settings for this topology. */
    public java.util.Map<String, String> clientConfig() {
        List<Integer> seeds = cluster ? all() : sentinels;
        String hosts = seeds.stream().map(EmbeddedServers::redisUrl).collect(Collectors.joining(","));
        return cluster
                ? java.util.Map.of("quarkus.redis.client-type", "cluster", "quarkus.redis.hosts", hosts)
                : java.util.Map.of("quarkus.redis.client-type", "sentinel", "quarkus.redis.hosts", hosts,
                        "quarkus.redis.master-name", MASTER_NAME, "quarkus.redis.role", "master");
    }

    /**
     * Kills the master that holds {@code key}'s slot (cluster) or the master (Sentinel), as a crash
     * would; answers its port. Once per topology: the roles it knows are those of the start.
     */
    public int killMasterOf(String key) {
        int port = masters.get(0);
        if (cluster) {
            long slot = call(masters.get(0), Request.cmd(Command.CLUSTER).arg("KEYSLOT").arg(key)).toLong();
            for (int i = 0; i < masters.size(); i++) {
                if (slot >= firstSlot(i)) {
                    port = masters.get(i);
                }
            }
        }
        try {
            processes.get(all().indexOf(port)).stop();
            killed.add(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return port;
    }

    /** Sends one command to every live Redis node (not the sentinels), such as a CLIENT KILL that must reach them all. */
    public void onEveryNode(String command, String... args) {
        List<Integer> live = all();
        live.removeAll(killed);
        for (int port : live) {
            Request request = Request.cmd(Command.create(command));
            for (String arg : args) {
                request.arg(arg);
            }
            call(port, request);
        }
    }

    /** Waits until a replica has taken over from the killed master {@code port}. */
    public void awaitFailover(int port) {
        if (cluster) {
            int live = replicas.get(masters.indexOf(port));
            await("the replica of " + port + " to become master", () -> info(live, "replication").contains("role:master")
                    && clusterState(live).contains("cluster_state:ok"));
        } else {
            await("the sentinels to promote the replica", () -> {
                Response address = call(sentinels.get(0), Request.cmd(Command.SENTINEL).arg("get-master-addr-by-name")
                        .arg(MASTER_NAME));
                return address.get(1).toInteger() != port;
            });
        }
    }

    private void startCluster(Path dir) {
        for (int i = 0; i < 6; i++) {
            (i < 3 ? masters : replicas).add(startClusterNode(dir, 1));
        }
        for (int i = 0; i < masters.size(); i++) {
            Request add = Request.cmd(Command.CLUSTER).arg("ADDSLOTS");
            for (int slot = firstSlot(i); slot < firstSlot(i + 1); slot++) {
                add.arg(slot);
            }
            call(masters.get(i), add);
        }
        for (int port : all()) {
            call(port, Request.cmd(Command.CLUSTER).arg("MEET").arg("127.0.0.1").arg(masters.get(0)));
        }
        await("every node to know the others", () -> all().stream().allMatch(port ->
                call(port, Request.cmd(Command.CLUSTER).arg("NODES")).toString().lines().count() == all().size()));
        for (int i = 0; i < replicas.size(); i++) {
            String masterId = call(masters.get(i), Request.cmd(Command.CLUSTER).arg("MYID")).toString();
            call(replicas.get(i), Request.cmd(Command.CLUSTER).arg("REPLICATE").arg(masterId));
        }
        await("the cluster to be ok with its replicas in sync", () -> all().stream()
                .allMatch(port -> clusterState(port).contains("cluster_state:ok"))
                && replicas.stream().allMatch(port -> info(port, "replication").contains("master_link_status:up")));
    }

    private void startSentinel(Path dir) {
        int master = EmbeddedServers.freePort();
        int replica = EmbeddedServers.freePort();
        processes.add(EmbeddedServers.startRedis(master, replication(dir)));
        processes.add(EmbeddedServers.startRedis(replica, replication(dir, "replicaof 127.0.0.1 " + master)));
        masters.add(master);
        replicas.add(replica);
        await("the replica to sync", () -> info(replica, "replication").contains("master_link_status:up"));
        for (int i = 0; i < 3; i++) {
            int port = EmbeddedServers.freePort();
            RedisSentinel sentinel = RedisSentinel.newRedisSentinel().port(port).masterPort(master)
                    .masterName(MASTER_NAME).quorumSize(2).downAfterMilliseconds(1000).failOverTimeout(3000)
                    .onShutdownForceStop(true).build();
            try {
                sentinel.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            processes.add(sentinel);
            sentinels.add(port);
        }
        await("the sentinels to see each other and the replica", () -> sentinels.stream().allMatch(port ->
                call(port, Request.cmd(Command.SENTINEL).arg("CKQUORUM").arg(MASTER_NAME)).toString().startsWith("OK")
                        && call(port, Request.cmd(Command.SENTINEL).arg("REPLICAS").arg(MASTER_NAME)).size() == 1));
    }

    /** Settings that let a replica sync without the disk: the full copy streams over the socket. */
    private static String[] replication(Path dir, String... settings) {
        List<String> all = new ArrayList<>(List.of(settings));
        all.addAll(List.of("dir " + dir, "repl-diskless-sync yes", "repl-diskless-sync-delay 0", "repl-diskless-load swapdb"));
        return all.toArray(String[]::new);
    }

    private List<Integer> all() {
        List<Integer> all = new ArrayList<>(masters);
        all.addAll(replicas);
        return all;
    }

    private int firstSlot(int master) {
        return master * 16384 / masters.size();
    }

    /**
     * A node on a port whose cluster bus (port + 10000) is free too; both lie below Linux's ephemeral
     * range (32768 on), where an outgoing connection may hold the port. Another try if it was taken.
     */
    private int startClusterNode(Path dir, int attempt) {
        int port;
        do {
            port = ThreadLocalRandom.current().nextInt(20000, 22768);
        } while (EmbeddedServers.listening(port) || EmbeddedServers.listening(port + 10000));
        try {
            processes.add(EmbeddedServers.startRedis(port, replication(dir, "cluster-enabled yes",
                    "cluster-config-file " + dir.resolve("nodes-" + port + ".conf"), "cluster-node-timeout 1000")));
            return port;
        } catch (UncheckedIOException taken) {
            if (attempt == 5) {
                throw taken;
            }
            return startClusterNode(dir, attempt + 1);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String clusterState(int port) {
        return call(port, Request.cmd(Command.CLUSTER).arg("INFO")).toString();
    }

    private String info(int port, String section) {
        return call(port, Request.cmd(Command.INFO).arg(section)).toString();
    }

    /** One command to one node over a connection of its own; a failure fails the test set-up. */
    private Response call(int port, Request request) {
        Redis client = Redis.createClient(vertx, EmbeddedServers.redisUrl(port));
        try {
            Future<Response> answer = client.connect().compose(connection -> connection.send(request)
                    .eventually(() -> connection.close()));
            return answer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(request + " on port " + port + " failed", e);
        } finally {
            client.close();
        }
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // a node not answering yet
            }
            if (System.nanoTime() > deadline) {
                StringBuilder state = new StringBuilder();
                for (int port : all()) {
                    try {
                        state.append('\n').append(port).append(": ").append(info(port, "replication").lines()
                                .filter(line -> line.startsWith("role") || line.startsWith("master_link")).toList())
                                .append(cluster ? clusterState(port).lines().findFirst().orElse("") : "");
                    } catch (IllegalStateException down) {
                        state.append('\n').append(port).append(": down");
                    }
                }
                throw new IllegalStateException("timed out waiting for " + what + state);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        for (redis.embedded.Redis process : processes) {
            try {
                process.stop();
            } catch (IOException | RuntimeException ignored) {
                // already stopped
            }
        }
        vertx.close();
    }
}
