// One file over 300 lines on purpose: the source launcher runs it as it is, without a build.
// A closed-loop HTTP load for bench/chaos/run.sh: a fixed number of workers, each sending one request
// after the other, with JDK classes only (run with the source launcher: java Load.java ...).
//
//   java Load.java <base url> <users file> <seconds> <events file> [write=0.2] [uncached=0.1] [workers=64]
//
// users file: one line per user, "<id> <token> <rw|ro> <email>". Each rw user belongs to one worker,
// which alone writes it (PUT, headline "chaos <n>" with n rising) and reads it back: a read that
// returns an older n than the last acknowledged write is a stale read. ro users are only read (warmed
// before the load: cached reads). "uncached" is the share of GET /data-management/exports (PostgreSQL
// on every request). The events file holds "<name> <epoch ms>" lines the caller appends while the
// load runs (redis_down, redis_up, pg_down, pg_up); it is read at the end to cut the figures.
// Prints "key value" lines: counts per kind of request, failures, latencies, hit rates, readiness.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Load {

    record User(String id, String token, boolean rw, String email) {}

    /** One answered (or failed) request: kind, start and end (epoch ms), status (0: no answer), problem+json, stale. */
    record Sample(String kind, long start, long end, int status, boolean problem, boolean stale) {}

    record Tick(long at, long hits, long misses, int ready) {}

    static final Pattern HEADLINE = Pattern.compile("\"headline\"\\s*:\\s*\"chaos (\\d+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        List<User> users = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.trim().split(" ");
            if (f.length == 4) users.add(new User(f[0], f[1], f[2].equals("rw"), f[3]));
        }
        long seconds = Long.parseLong(args[2]);
        Path events = Path.of(args[3]);
        Map<String, String> opt = new HashMap<>(Map.of("write", "0.2", "uncached", "0.1", "workers", "64"));
        for (int i = 4; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            opt.put(kv[0], kv[1]);
        }
        double write = Double.parseDouble(opt.get("write"));
        double uncached = Double.parseDouble(opt.get("uncached"));
        int workers = Integer.parseInt(opt.get("workers"));
        List<User> rw = users.stream().filter(User::rw).toList();
        List<User> ro = users.stream().filter(u -> !u.rw()).toList();

        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        List<Tick> ticks = new ArrayList<>();
        Map<String, Long> acked = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> sent = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        long end = System.currentTimeMillis() + seconds * 1000;

        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int me = w;
            List<User> mine = new ArrayList<>();
            for (int i = me; i < rw.size(); i += workers) mine.add(rw.get(i));
            Thread worker = new Thread(() -> {
                Random random = new Random(me);
                while (System.currentTimeMillis() < end) {
                    double r = random.nextDouble();
                    if (r < uncached || (mine.isEmpty() && ro.isEmpty())) {
                        User u = users.get(random.nextInt(users.size()));
                        samples.add(send("uncached", get("/api/v1/data-management/exports", u.token()), null));
                    } else if (!mine.isEmpty() && r < uncached + write) {
                        User u = mine.get(random.nextInt(mine.size()));
                        long n = sent.merge(u.id(), 1L, Long::sum);
                        String body = "{\"email\":\"" + u.email() + "\",\"fullName\":\"Chaos Load\",\"headline\":\"chaos "
                                + n + "\",\"location\":\"Berlin\"}";
                        HttpRequest put = HttpRequest.newBuilder(URI.create(base + "/api/v1/users/" + u.id()))
                                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + u.token())
                                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
                        Sample s = send("write", put, null);
                        if (s.status() / 100 == 2) acked.merge(u.id(), n, Math::max);
                        samples.add(s);
                    } else if (!mine.isEmpty() && (ro.isEmpty() || random.nextBoolean())) {
                        User u = mine.get(random.nextInt(mine.size()));
                        samples.add(send("own", get("/api/v1/users/" + u.id(), u.token()), acked));
                    } else {
                        User u = ro.get(random.nextInt(ro.size()));
                        samples.add(send("cached", get("/api/v1/users/" + u.id(), u.token()), null));
                    }
                }
            });
            worker.start();
            threads.add(worker);
        }
        // twice a second the cache counters of the profile category; every 250 ms readiness (each on its own)
        Thread gets = new Thread(() -> {
            while (running.get()) {
                long[] hm = profileGets();
                if (hm != null) synchronized (ticks) {
                    ticks.add(new Tick(System.currentTimeMillis(), hm[0], hm[1], -1));
                }
                sleep(500);
            }
        });
        Thread readiness = new Thread(() -> {
            while (running.get()) {
                int ready = status(get("/q/health/ready", null));
                synchronized (ticks) {
                    ticks.add(new Tick(System.currentTimeMillis(), -1, -1, ready));
                }
                sleep(250);
            }
        });
        gets.start();
        readiness.start();
        for (Thread t : threads) t.join();
        running.set(false);
        gets.join();
        readiness.join();
        ticks.sort(java.util.Comparator.comparingLong(Tick::at));
        List<String> lines = new ArrayList<>();
        for (Tick t : ticks) lines.add(t.at() + " " + t.hits() + " " + t.misses() + " " + t.ready());
        Files.write(Path.of(events + ".ticks"), lines);

        // every written user read back once, after the load (the caller ends the load after recovery)
        int finalStale = 0, finalFailed = 0;
        for (User u : rw) {
            Long n = acked.get(u.id());
            if (n == null) continue;
            Sample s = send("final", get("/api/v1/users/" + u.id(), u.token()), acked);
            if (s.status() != 200) finalFailed++;
            else if (s.stale()) finalStale++;
        }
        report(samples, ticks, events, finalStale, finalFailed, acked.size());
    }

    static HttpRequest get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b.build();
    }

    static Sample send(String kind, HttpRequest request, Map<String, Long> acked) {
        long start = System.currentTimeMillis();
        String id = request.uri().getPath().substring(request.uri().getPath().lastIndexOf('/') + 1);
        Long before = acked == null ? null : acked.get(id); // the last write acknowledged before this read began
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            boolean problem = r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
            boolean stale = false;
            if (before != null && r.statusCode() == 200) {
                Matcher m = HEADLINE.matcher(r.body());
                stale = !m.find() || Long.parseLong(m.group(1)) < before;
            }
            return new Sample(kind, start, System.currentTimeMillis(), r.statusCode(), problem, stale);
        } catch (Exception e) {
            return new Sample(kind, start, System.currentTimeMillis(), 0, false, false);
        }
    }

    static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    /** cache_gets_total of the profile category in Redis (hits, misses) from /q/metrics; null when unanswered. */
    static long[] profileGets() {
        try {
            String text = HTTP.send(get("/q/metrics", null), HttpResponse.BodyHandlers.ofString()).body();
            long hits = 0, misses = 0;
            for (String line : text.split("\n")) {
                if (!line.startsWith("cache_gets_total{") || !line.contains("cache=\"profile\"")) continue;
                long v = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.contains("result=\"hit\"")) hits += v;
                else if (line.contains("result=\"miss\"")) misses += v;
            }
            return new long[] {hits, misses};
        } catch (Exception e) {
            return null;
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void report(ConcurrentLinkedQueue<Sample> samples, List<Tick> ticks, Path eventsFile,
            int finalStale, int finalFailed, int written) throws Exception {
        Map<String, Long> events = new HashMap<>();
        if (Files.exists(eventsFile)) {
            for (String line : Files.readAllLines(eventsFile)) {
                String[] f = line.trim().split(" ");
                if (f.length == 2) events.put(f[0], Long.parseLong(f[1]));
            }
        }
        String down = events.containsKey("redis_down") ? "redis" : events.containsKey("pg_down") ? "pg" : null;
        long downAt = down == null ? Long.MAX_VALUE : events.get(down + "_down");
        long upAt = down == null ? Long.MAX_VALUE : events.getOrDefault(down + "_up", Long.MAX_VALUE);

        Map<String, long[]> kinds = new java.util.TreeMap<>(); // total, 2xx, non-2xx, no answer, non-2xx not problem+json, >1 s non-2xx, max ms non-2xx, stale, not 503
        long failedDuring = 0, failedOutside = 0, lastFailure = 0, cachedNon200During = 0;
        for (Sample s : samples) {
            long[] k = kinds.computeIfAbsent(s.kind(), x -> new long[9]);
            k[0]++;
            long ms = s.end() - s.start();
            if (s.status() / 100 == 2) k[1]++;
            else {
                if (s.status() == 0) k[3]++;
                else k[2]++;
                if (!s.problem()) k[4]++;
                if (s.status() != 503) k[8]++;
                if (ms > 1000) k[5]++;
                k[6] = Math.max(k[6], ms);
                boolean during = s.end() >= downAt && s.start() <= upAt;
                if (during) failedDuring++;
                else failedOutside++;
                if (s.start() >= upAt) lastFailure = Math.max(lastFailure, s.end());
                if (during && s.kind().equals("cached")) cachedNon200During++;
            }
            if (s.stale()) k[7]++;
        }
        System.out.println("requests_total " + samples.size());
        Map<String, Long> statuses = new java.util.TreeMap<>();
        for (Sample s : samples) statuses.merge(s.kind() + ":" + s.status(), 1L, Long::sum);
        System.out.println("statuses " + statuses.toString().replace(" ", ""));
        for (var e : kinds.entrySet()) {
            long[] k = e.getValue();
            System.out.printf("%s total=%d ok=%d non2xx=%d no_answer=%d non2xx_not_problem=%d non2xx_over_1s=%d non2xx_max_ms=%d stale=%d not_503=%d%n",
                    e.getKey(), k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7], k[8]);
        }
        long failed = kinds.values().stream().mapToLong(k -> k[2] + k[3]).sum();
        long stale = kinds.values().stream().mapToLong(k -> k[7]).sum();
        long over1s = kinds.entrySet().stream().filter(e -> !e.getKey().equals("cached")).mapToLong(e -> e.getValue()[5]).sum();
        long maxNon200 = kinds.values().stream().mapToLong(k -> k[6]).max().orElse(0);
        long notProblem = kinds.values().stream().mapToLong(k -> k[4]).sum();
        System.out.println("failed " + failed);
        System.out.println("non2xx_not_503 " + kinds.values().stream().mapToLong(k -> k[8]).sum());
        System.out.println("failed_during_outage " + failedDuring);
        System.out.println("failed_outside_outage " + failedOutside);
        System.out.println("cached_non200_during_outage " + cachedNon200During);
        System.out.println("stale_reads_during_load " + stale);
        System.out.println("users_written " + written);
        System.out.println("final_stale " + finalStale);
        System.out.println("final_failed " + finalFailed);
        System.out.println("non2xx_over_1s " + over1s);
        System.out.println("non2xx_max_ms " + maxNon200);
        System.out.println("non2xx_not_problem " + notProblem);
        System.out.println("recovered_after_ms " + (lastFailure == 0 ? 0 : lastFailure - upAt));

        List<Tick> hm = ticks.stream().filter(t -> t.hits() >= 0).toList();
        // hit rate of the profile category before the outage (from 5 s into the load) and per second after it
        long first = hm.isEmpty() ? 0 : hm.get(0).at();
        double baseline = rate(hm, first + Math.min(5000, Math.max(0, (downAt - first) / 2)), downAt);
        System.out.printf("hit_rate_before %.3f%n", baseline);
        if (upAt != Long.MAX_VALUE) {
            long back = -1;
            for (int i = 1; i < hm.size(); i++) {
                Tick a = hm.get(i - 1), b = hm.get(i);
                if (a.at() < upAt) continue;
                long gets = (b.hits() - a.hits()) + (b.misses() - a.misses());
                if (gets > 0 && (double) (b.hits() - a.hits()) / gets >= 0.9 * baseline) {
                    back = b.at() - upAt;
                    break;
                }
            }
            System.out.println("hit_rate_back_after_ms " + back);
            long readyDown = -1, readyUp = -1;
            for (Tick t : ticks) {
                if (t.ready() < 0) continue;
                if (readyDown < 0 && t.at() >= downAt && t.ready() != 200) readyDown = t.at() - downAt;
                if (readyUp < 0 && t.at() >= upAt && t.ready() == 200) readyUp = t.at() - upAt;
            }
            System.out.println("ready_down_after_ms " + readyDown);
            System.out.println("ready_up_after_ms " + readyUp);
            List<Tick> ready = ticks.stream().filter(t -> t.ready() >= 0).toList();
            System.out.println("ready_not_200_samples " + ready.stream().filter(t -> t.ready() != 200).count() + " of " + ready.size());
            System.out.println("ready_up_at_end " + (ready.isEmpty() ? 0 : ready.get(ready.size() - 1).ready()));
        }
    }

    static double rate(List<Tick> ticks, long from, long to) {
        Tick first = null, last = null;
        for (Tick t : ticks) {
            if (t.at() < from || t.at() > to) continue;
            if (first == null) first = t;
            last = t;
        }
        if (first == null || last == first) return 0;
        long hits = last.hits() - first.hits(), gets = hits + last.misses() - first.misses();
        return gets == 0 ? 0 : (double) hits / gets;
    }
}
