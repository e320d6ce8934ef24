// Mixed workload against a running service: seeds users with owned data and job postings, then
// drives reads and writes with Zipf-like popularity from a fixed pool of threads (one HTTP
// connection each at most), checks read-your-writes after every write, and prints throughput,
// latency, per-category hit ratios of both cache tiers (from /q/metrics) and stale reads.
// JDK 17 classes only, run with the source launcher (bench/mixed/run.sh shows how); one file by
// design (the source launcher runs one file), hence its length (about 400 lines).
//
//   java bench/mixed/Mixed.java <base URL> <private key PEM (PKCS#8)> [key=value ...]
//   keys: users=10000 postings=1000 threads=64 warmup=15 duration=60 writes=0.10 postingWrites=0.01 zipf=1.0
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

public class Mixed {
    static String base;
    static PrivateKey key;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    static final String[] ROLES = {"Backend", "Frontend", "Platform", "Data", "Mobile", "Security", "Site Reliability",
        "Machine Learning", "QA", "DevOps", "Embedded", "Cloud", "Database", "Game", "Full Stack"};
    static final String[] CITIES = {"Berlin", "Paris", "London", "Madrid", "Amsterdam", "Vienna", "Zurich", "Prague",
        "Warsaw", "Lisbon", "Dublin", "Oslo", "Remote"};

    /** What the seed made for one user. */
    record Seeded(String id, String email, String[] skills, String resume, String[] apps, String[] appPostings) { }

    public static void main(String[] args) throws Exception {
        base = args[0];
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(
                Files.readString(Path.of(args[1])).replaceAll("-----[A-Z ]+-----", ""))));
        Map<String, String> opt = new HashMap<>();
        for (int i = 2; i < args.length; i++) opt.put(args[i].split("=", 2)[0], args[i].split("=", 2)[1]);
        int users = Integer.parseInt(opt.getOrDefault("users", "10000"));
        int postings = Integer.parseInt(opt.getOrDefault("postings", "1000"));
        int threads = Integer.parseInt(opt.getOrDefault("threads", "64"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "15"));
        int duration = Integer.parseInt(opt.getOrDefault("duration", "60"));
        double writes = Double.parseDouble(opt.getOrDefault("writes", "0.10"));
        double postingWrites = Double.parseDouble(opt.getOrDefault("postingWrites", "0.01"));
        double s = Double.parseDouble(opt.getOrDefault("zipf", "1.0"));
        String admin = token(UUID.randomUUID().toString(), "admin");
        ExecutorService pool = Executors.newFixedThreadPool(threads);

        long t0 = System.nanoTime();
        List<Future<String>> posts = IntStream.range(0, postings)
                .mapToObj(n -> pool.submit(() -> create(admin, "/api/v1/jobs", postingBody(n, "seeded")))).toList();
        String[] postingIds = new String[postings];
        for (int i = 0; i < postings; i++) postingIds[i] = posts.get(i).get();
        List<Future<Seeded>> seeds = IntStream.range(0, users).mapToObj(n -> pool.submit(() -> seedUser(admin, n, postingIds))).toList();
        Seeded[] seeded = new Seeded[users];
        for (int i = 0; i < users; i++) seeded[i] = seeds.get(i).get();
        System.out.printf("seeded %d users (2 skills, 1 resume, 2 applications each) and %d postings in %.1f s%n",
                users, postings, (System.nanoTime() - t0) / 1e9);

        // popularity: rank r drawn with P ~ 1/r^s, mapped to items through a fixed shuffle
        Zipf userZipf = new Zipf(users, s, 1), postingZipf = new Zipf(postings, s, 2);
        List<String> queries = searchQueries();
        Zipf queryZipf = new Zipf(queries.size(), s, 3);
        System.out.printf("search queries: %d distinct%n", queries.size());

        Stats stats = new Stats();
        AtomicLong seq = new AtomicLong();
        long startAt = System.nanoTime() + warmup * 1_000_000_000L;
        long endAt = startAt + duration * 1_000_000_000L;
        Map<String, Double> before = new HashMap<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (long now; (now = System.nanoTime()) < endAt; ) {
                        boolean measured = now >= startAt;
                        Seeded u = seeded[userZipf.next(rnd)];
                        String tok = token(u.id(), "user");
                        String p = "/api/v1/users/" + u.id();
                        if (rnd.nextDouble() < writes) {
                            String mark = "w" + seq.incrementAndGet();
                            double kind = rnd.nextDouble();
                            if (kind < postingWrites) {
                                int n = postingZipf.next(rnd);
                                write(stats, measured, "posting", admin, "/api/v1/jobs/" + postingIds[n],
                                        postingBody(n, mark), mark, tok);
                            } else if (kind < 0.40) {
                                write(stats, measured, "profile", tok, p, profileBody(u, mark), mark, tok);
                            } else if (kind < 0.70) {
                                int a = rnd.nextInt(2);
                                write(stats, measured, "application", tok, p + "/applications/" + u.apps()[a],
                                        "{\"jobPostingId\":\"" + u.appPostings()[a] + "\",\"resumeId\":\"" + u.resume()
                                        + "\",\"jobTitle\":\"Engineer\",\"company\":\"Acme\",\"notes\":\"" + mark + "\"}", mark, tok);
                            } else {
                                write(stats, measured, "skill", tok, p + "/skills/" + u.skills()[rnd.nextInt(2)],
                                        "{\"name\":\"" + mark + "\",\"level\":\"advanced\",\"yearsExperience\":3}", mark, tok);
                            }
                            continue;
                        }
                        double r = rnd.nextDouble();
                        String group, path;
                        if (r < 0.50) {
                            group = "details";
                            double d = rnd.nextDouble();
                            path = d < 0.30 ? p : d < 0.50 ? p + "/resumes/" + u.resume()
                                    : d < 0.70 ? p + "/applications/" + u.apps()[rnd.nextInt(2)]
                                    : "/api/v1/jobs/" + postingIds[postingZipf.next(rnd)];
                        } else if (r < 0.75) {
                            group = "dashboards";
                            path = rnd.nextDouble() < 0.6 ? p + "/dashboard" : p + "/stats";
                        } else {
                            group = "searches";
                            path = "/api/v1/jobs?" + queries.get(queryZipf.next(rnd));
                        }
                        long t1 = System.nanoTime();
                        HttpResponse<String> res = get(tok, path);
                        stats.record(measured, group, System.nanoTime() - t1, res == null ? -1 : res.statusCode());
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(Math.max(0, (startAt - System.nanoTime()) / 1_000_000));
        before.putAll(metrics());
        // the last third alone shows where the ratios head once the popular items are in the cache
        long thirdAt = endAt - duration * 1_000_000_000L / 3;
        Thread.sleep(Math.max(0, (thirdAt - System.nanoTime()) / 1_000_000));
        Map<String, Double> third = metrics();
        Thread.sleep(Math.max(0, (endAt - System.nanoTime()) / 1_000_000));
        Map<String, Double> after = metrics();
        done.await();
        pool.shutdown();
        stats.print(duration, threads, users, s, writes);
        printHits("whole measured window", before, after);
        printHits("last third of it", third, after);
        HttpResponse<String> analytics = get(admin, "/api/v1/data-management/cache/analytics");
        if (analytics != null && opt.containsKey("analyticsOut")) Files.writeString(Path.of(opt.get("analyticsOut")), analytics.body());
        System.exit(0);
    }

    static Seeded seedUser(String admin, int n, String[] postingIds) throws Exception {
        String email = "mixed" + n + "@bench.example.org";
        String id = create(admin, "/api/v1/users", "{\"email\":\"" + email + "\",\"fullName\":\"User " + n
                + "\",\"headline\":\"seeded\",\"location\":\"" + CITIES[n % CITIES.length]
                + "\",\"preferences\":{\"remote\":true,\"roles\":[\"backend\"]}}");
        String p = "/api/v1/users/" + id;
        String[] skills = {create(admin, p + "/skills", "{\"name\":\"Java\",\"level\":\"expert\",\"yearsExperience\":5}"),
            create(admin, p + "/skills", "{\"name\":\"SQL\",\"level\":\"advanced\",\"yearsExperience\":4}")};
        String resume = create(admin, p + "/resumes", "{\"title\":\"Resume of user " + n + "\",\"content\":\""
                + "Engineer with years of work on services, databases and caches. ".repeat(12) + "\"}");
        String[] appPostings = {postingIds[n % postingIds.length], postingIds[(n * 7 + 3) % postingIds.length]};
        String[] apps = new String[2];
        for (int a = 0; a < 2; a++) {
            apps[a] = create(admin, p + "/applications", "{\"jobPostingId\":\"" + appPostings[a] + "\",\"resumeId\":\""
                    + resume + "\",\"jobTitle\":\"Engineer\",\"company\":\"Acme\",\"status\":\"applied\",\"notes\":\"seeded\"}");
        }
        return new Seeded(id, email, skills, resume, apps, appPostings);
    }

    static String profileBody(Seeded u, String mark) {
        return "{\"email\":\"" + u.email() + "\",\"fullName\":\"User\",\"headline\":\"" + mark
                + "\",\"location\":\"Berlin\",\"preferences\":{\"remote\":true,\"roles\":[\"backend\"]}}";
    }

    static String postingBody(int n, String description) {
        int min = 40_000 + (n % 12) * 5_000;
        return "{\"title\":\"" + (n % 3 == 0 ? "Senior " : "") + ROLES[n % ROLES.length] + " Engineer\",\"company\":\"Company "
                + (n % 97) + "\",\"location\":\"" + CITIES[n % CITIES.length] + "\",\"source\":\"bench\",\"description\":\""
                + description + "\",\"salaryMin\":" + min + ",\"salaryMax\":" + (min + 30_000)
                + ",\"currency\":\"EUR\",\"postedDate\":\"2026-11-" + String.format("%02d", 1 + n % 28) + "\"}";
    }

    /** Role, role and city, role and salary floor, city alone: a few popular, a long tail. */
    static List<String> searchQueries() {
        List<String> q = new ArrayList<>();
        for (String role : ROLES) q.add("title=" + enc(role));
        for (String city : CITIES) q.add("location=" + enc(city));
        for (String role : ROLES) for (String city : CITIES) q.add("title=" + enc(role) + "&location=" + enc(city));
        for (String role : ROLES) for (int floor = 50_000; floor <= 100_000; floor += 10_000) q.add("title=" + enc(role) + "&salaryMin=" + floor);
        for (String role : ROLES) for (String city : CITIES) q.add("title=" + enc(role) + "&location=" + enc(city) + "&sort=-salaryMax");
        return q;
    }

    static String enc(String v) { return java.net.URLEncoder.encode(v, StandardCharsets.UTF_8); }

    static final Map<String, Object> ITEM_LOCKS = new ConcurrentHashMap<>();
    /** Read-backs per cache category: each follows an invalidation, so it is a miss the checker adds. */
    static final Map<String, AtomicLong> READBACKS = new ConcurrentHashMap<>();
    static final Map<String, String> CATEGORY_OF_WRITE = Map.of("profile", "profile", "application", "applications",
            "skill", "skills", "posting", "job-postings");

    /**
     * A write, then at once a read of the same item on this thread: it must show what was written.
     * Writes of one item are serialized here (a popular user is picked by several threads), so
     * another thread's write can never come between a write and its read-back.
     */
    static void write(Stats stats, boolean measured, String what, String writer, String path, String body, String mark,
            String reader) throws Exception {
        synchronized (ITEM_LOCKS.computeIfAbsent(path, k -> new Object())) {
            writeAndReadBack(stats, measured, what, writer, path, body, mark, reader);
        }
    }

    static void writeAndReadBack(Stats stats, boolean measured, String what, String writer, String path, String body,
            String mark, String reader) {
        long t1 = System.nanoTime();
        HttpResponse<String> res = send(writer, path, "PUT", body);
        stats.record(measured, "writes", System.nanoTime() - t1, res == null ? -1 : res.statusCode());
        if (res == null || res.statusCode() / 100 != 2) return;
        t1 = System.nanoTime();
        READBACKS.computeIfAbsent(CATEGORY_OF_WRITE.get(what), k -> new AtomicLong()).incrementAndGet();
        HttpResponse<String> back = get(reader, path);
        stats.record(measured, "read-backs", System.nanoTime() - t1, back == null ? -1 : back.statusCode());
        if (back != null && back.statusCode() == 200 && !back.body().contains("\"" + mark + "\"")) {
            stats.stale(measured, what);
            if (stats.examples.size() < 3) stats.examples.add(path + " wrote " + mark + ", read " + back.body());
        }
    }

    static String create(String tok, String path, String body) throws Exception {
        HttpResponse<String> res = send(tok, path, "POST", body);
        if (res == null || res.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + ": " + (res == null ? "no answer" : res.statusCode() + " " + res.body()));
        }
        String loc = res.headers().firstValue("Location").orElseThrow();
        return loc.substring(loc.lastIndexOf('/') + 1);
    }

    static HttpResponse<String> get(String tok, String path) { return send(tok, path, "GET", null); }

    static HttpResponse<String> send(String tok, String path, String method, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (tok != null) b.header("Authorization", "Bearer " + tok);
        if (body != null) b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }

    static String token(String sub, String group) {
        return TOKENS.computeIfAbsent(sub + "|" + group, k -> {
            try {
                long now = System.currentTimeMillis() / 1000;
                Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                String h = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
                String p = b64.encodeToString(("{\"iss\":\"career-data-service\",\"sub\":\"" + sub + "\",\"groups\":[\"" + group
                        + "\"],\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}").getBytes(StandardCharsets.UTF_8));
                Signature sig = Signature.getInstance("SHA256withRSA");
                sig.initSign(key);
                sig.update((h + "." + p).getBytes(StandardCharsets.UTF_8));
                return h + "." + p + "." + b64.encodeToString(sig.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static final Pattern METRIC = Pattern.compile("^(cache_gets_total|cache_near_gets_total|cache_fallbacks_total|cache_errors_total)\\{(.*)\\} ([0-9.eE+-]+)$");
    static final Pattern TAG = Pattern.compile("(cache|result)=\"([^\"]*)\"");

    /** "name|category|result" -> count, from the Prometheus text. */
    static Map<String, Double> metrics() {
        Map<String, Double> m = new HashMap<>();
        HttpResponse<String> res = get(null, "/q/metrics");
        for (String line : res.body().split("\n")) {
            Matcher mm = METRIC.matcher(line);
            if (!mm.matches()) continue;
            String cache = "", result = "";
            for (Matcher t = TAG.matcher(mm.group(2)); t.find(); ) {
                if (t.group(1).equals("cache")) cache = t.group(2); else result = t.group(2);
            }
            m.merge(mm.group(1) + "|" + cache + "|" + result, Double.parseDouble(mm.group(3)), Double::sum);
        }
        READBACKS.forEach((c, n) -> m.put("readbacks|" + c + "|", (double) n.get()));
        return m;
    }

    static void printHits(String label, Map<String, Double> before, Map<String, Double> after) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String c : List.of("profile", "resumes", "applications", "job-postings")) groups.put(c, "details");
        for (String c : List.of("dashboard", "user-stats")) groups.put(c, "dashboards");
        groups.put("job-search", "searches");
        System.out.printf("%nhits, %s%n", label);
        System.out.printf("%-15s %-11s %10s %10s %7s %10s %10s %7s %7s %10s %9s %9s %6s%n", "category", "group", "L1 gets", "L1 hits",
                "L1 %", "Redis gets", "Redis hits", "Redis %", "both %", "read-backs", "w/o rb %", "fallbacks", "errors");
        Map<String, double[]> sums = new LinkedHashMap<>();
        SortedSet<String> cats = new TreeSet<>();
        after.keySet().forEach(k -> cats.add(k.split("\\|")[1]));
        for (String c : cats) {
            double l1h = d(before, after, "cache_near_gets_total|" + c + "|hit"), l1m = d(before, after, "cache_near_gets_total|" + c + "|miss");
            double rh = d(before, after, "cache_gets_total|" + c + "|hit"), rm = d(before, after, "cache_gets_total|" + c + "|miss");
            double rb = d(before, after, "readbacks|" + c + "|");
            double fb = d(before, after, "cache_fallbacks_total|" + c + "|"), err = d(before, after, "cache_errors_total|" + c + "|");
            if (l1h + l1m + rh + rm + fb + err == 0) continue;
            String g = groups.getOrDefault(c, "-");
            // an L1 hit never asks Redis: overall hit ratio = (L1 hits + Redis hits) / (L1 hits + Redis gets);
            // "w/o rb": the checker's read-backs (misses by construction) taken out
            System.out.printf("%-15s %-11s %10.0f %10.0f %7s %10.0f %10.0f %7s %7s %10.0f %9s %9.0f %6.0f%n", c, g, l1h + l1m, l1h,
                    pct(l1h, l1h + l1m), rh + rm, rh, pct(rh, rh + rm), pct(l1h + rh, l1h + rh + rm), rb, pct(l1h + rh, l1h + rh + rm - rb), fb, err);
            sums.computeIfAbsent(g, x -> new double[3]);
            sums.get(g)[0] += l1h + rh;
            sums.get(g)[1] += l1h + rh + rm;
            sums.get(g)[2] += rb;
        }
        Map<String, String> expected = Map.of("details", "80-90 %", "dashboards", "70-80 %", "searches", "60-70 %");
        for (var e : sums.entrySet()) {
            if (e.getKey().equals("-")) continue;
            double[] v = e.getValue();
            System.out.printf("group %-11s hit ratio %s %%, %s %% without the read-backs (seed 003 expected %s)%n", e.getKey(),
                    pct(v[0], v[1]), pct(v[0], v[1] - v[2]), expected.get(e.getKey()));
        }
    }

    static double d(Map<String, Double> b, Map<String, Double> a, String k) { return a.getOrDefault(k, 0.0) - b.getOrDefault(k, 0.0); }

    static String pct(double part, double all) { return all == 0 ? "-" : String.format("%.1f", 100 * part / all); }

    /** Ranks 0..n-1 with P(rank r) ~ 1/(r+1)^s, each mapped to an item by a seeded shuffle. */
    static final class Zipf {
        final double[] cdf;
        final int[] item;

        Zipf(int n, double s, long seed) {
            cdf = new double[n];
            double sum = 0;
            for (int r = 0; r < n; r++) cdf[r] = sum += 1 / Math.pow(r + 1, s);
            for (int r = 0; r < n; r++) cdf[r] /= sum;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) order.add(i);
            Collections.shuffle(order, new Random(seed));
            item = order.stream().mapToInt(Integer::intValue).toArray();
        }

        int next(ThreadLocalRandom rnd) {
            int r = Arrays.binarySearch(cdf, rnd.nextDouble());
            return item[Math.min(cdf.length - 1, r < 0 ? -r - 1 : r)];
        }
    }

    /** Latencies per group of the measured window, statuses, stale reads. */
    static final class Stats {
        final Map<String, List<Long>> lat = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> statuses = new ConcurrentSkipListMap<>();
        final Map<String, AtomicLong> stale = new ConcurrentSkipListMap<>();
        final List<String> examples = new CopyOnWriteArrayList<>();

        void record(boolean measured, String group, long nanos, int status) {
            if (!measured) return;
            lat.computeIfAbsent(group, g -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
            statuses.computeIfAbsent(group + " " + (status < 0 ? "no answer" : status), k -> new AtomicLong()).incrementAndGet();
        }

        void stale(boolean measured, String what) {
            if (measured) stale.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
        }

        void print(int duration, int threads, int users, double s, double writes) {
            List<Long> all = new ArrayList<>();
            lat.values().forEach(all::addAll);
            System.out.printf("%nmixed: %d threads, %d users, Zipf s=%.2f, %.0f %% writes (each followed by a read-back), %d s measured%n",
                    threads, users, s, writes * 100, duration);
            System.out.printf("%-12s %10s %10s %10s %10s%n", "", "requests", "req/s", "p50 ms", "p99 ms");
            row("all", all, duration);
            for (String g : List.of("details", "dashboards", "searches", "writes", "read-backs")) row(g, lat.getOrDefault(g, List.of()), duration);
            long errors = statuses.entrySet().stream().filter(e -> !e.getKey().matches(".* 2\\d\\d")).mapToLong(e -> e.getValue().get()).sum();
            System.out.println("statuses: " + statuses);
            System.out.println("errors (non-2xx or no answer): " + errors);
            System.out.println("stale reads (read-back after a 2xx write did not show it): "
                    + stale.values().stream().mapToLong(AtomicLong::get).sum() + " " + stale);
            examples.forEach(e -> System.out.println("  stale: " + e));
        }

        static void row(String name, List<Long> l, int duration) {
            List<Long> sorted = new ArrayList<>(l);
            Collections.sort(sorted);
            if (sorted.isEmpty()) return;
            System.out.printf("%-12s %10d %10.0f %10.2f %10.2f%n", name, sorted.size(), sorted.size() / (double) duration,
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
        }
    }
}
