package io.careerdata.cache;

import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.impl.RequestImpl;
import io.vertx.redis.client.impl.ZModem;
import io.vertx.redis.client.impl.types.MultiType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch on a Redis Cluster connection. The client pipelines a batch to one master only, and the
 * cache's batches may touch several: an invalidation sets the counters of several users and scopes,
 * and a first read creates its entry's counters beside the epoch, which lives apart.
 *
 * <p>So the batch is cut in two. Its head (the writes) is grouped by hash slot, and each group is
 * pipelined to its slot's master, all at once. Its tail, from the first read of several keys (MGET) or
 * announcement (PUBLISH) on, is sent after the whole head has answered, one request after another:
 * it reads or announces what the head wrote, in the order a standalone batch gives. (A command with
 * keys in several slots, such as that MGET, is split by the client itself.) The answers come back in
 * the batch's order.
 */
final class ClusterBatch {

    private ClusterBatch() {
    }

    static Uni<List<Response>> send(RedisConnection connection, List<Request> requests) {
        int tail = 0;
        while (tail < requests.size() && !followsWrites(requests.get(tail))) {
            tail++;
        }
        List<Request> head = requests.subList(0, tail);
        Response[] answers = new Response[requests.size()];
        Uni<Void> written = head.isEmpty() ? Uni.createFrom().voidItem() : pipelinePerSlot(connection, head, answers);
        for (int i = tail; i < requests.size(); i++) {
            int index = i;
            written = written.chain(() -> send(connection, requests.get(index)).invoke(answer -> answers[index] = answer))
                    .replaceWithVoid();
        }
        return written.map(ignored -> Arrays.asList(answers));
    }

    /** One request; an MGET over several slots is answered in the order of its keys ({@link #mget}). */
    static Uni<Response> send(RedisConnection connection, Request request) {
        return isMget(request) ? mget(connection, request) : connection.send(request);
    }

    /**
     * An MGET whose keys lie in several slots, such as an entry's counters with the epoch: one MGET
     * per slot, all at once, and the values put back in the order of the keys. (The client splits
     * such an MGET too, but answers slot after slot, so the values no longer match their keys.)
     */
    private static Uni<Response> mget(RedisConnection connection, Request request) {
        List<byte[]> keys = ((RequestImpl) request.getDelegate()).keys();
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            bySlot.computeIfAbsent(ZModem.generate(keys.get(i)), ignored -> new ArrayList<>()).add(i);
        }
        if (bySlot.size() < 2) {
            return connection.send(request);
        }
        Response[] values = new Response[keys.size()];
        List<Uni<Void>> parts = new ArrayList<>(bySlot.size());
        for (List<Integer> positions : bySlot.values()) {
            io.vertx.redis.client.Request part = io.vertx.redis.client.Request.cmd(Command.MGET);
            positions.forEach(position -> part.arg(keys.get(position)));
            parts.add(connection.send(new Request(part)).invoke(found -> {
                for (int i = 0; i < positions.size(); i++) {
                    values[positions.get(i)] = found.get(i);
                }
            }).replaceWithVoid());
        }
        return Uni.join().all(parts).andFailFast().map(ignored -> {
            MultiType all = MultiType.create(values.length, false);
            for (Response value : values) {
                all.add(value == null ? null : value.getDelegate());
            }
            return new Response(all);
        });
    }

    private static boolean followsWrites(Request request) {
        return isMget(request) || request.getDelegate().command() == Command.PUBLISH;
    }

    /** Compared on the client's own constants: the Mutiny wrapper makes a new command object each time. */
    private static boolean isMget(Request request) {
        return request.getDelegate().command() == Command.MGET;
    }

    /**
     * Pipelines the head per hash slot, all slots at once. (The client's own grouping per master,
     * {@code RedisCluster.groupByNodes}, needs its bare cluster connection, which Quarkus wraps for its
     * metrics; a slot is the finer cut and as correct.) A request with no key or with keys in several
     * slots goes alone, and the client splits it.
     */
    private static Uni<Void> pipelinePerSlot(RedisConnection connection, List<Request> head, Response[] answers) {
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        List<Uni<Void>> pipelines = new ArrayList<>();
        for (int i = 0; i < head.size(); i++) {
            List<byte[]> keys = ((RequestImpl) head.get(i).getDelegate()).keys();
            int slot = keys.isEmpty() ? -1 : ZModem.generateMultiRaw(keys);
            if (slot < 0) {
                int index = i;
                pipelines.add(send(connection, head.get(i)).invoke(answer -> answers[index] = answer).replaceWithVoid());
            } else {
                bySlot.computeIfAbsent(slot, ignored -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> positions : bySlot.values()) {
            List<Request> batch = new ArrayList<>(positions.size());
            positions.forEach(position -> batch.add(head.get(position)));
            pipelines.add(connection.batch(batch).invoke(replies -> {
                for (int i = 0; i < positions.size(); i++) {
                    answers[positions.get(i)] = replies.get(i);
                }
            }).replaceWithVoid());
        }
        return Uni.join().all(pipelines).andFailFast().replaceWithVoid();
    }
}
