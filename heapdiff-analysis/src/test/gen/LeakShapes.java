package shapes;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import javax.management.ObjectName;

/**
 * Three leak shapes that are not the founding story's, on the JVM: for each, a class histogram
 * (jcmd GC.class_histogram, through the DiagnosticCommand MBean) and a heap dump after a warm-up and
 * after N and 2N more requests.
 *
 * <pre>
 * javac -d /tmp/shapes-classes LeakShapes.java
 * for s in listeners cache churn; do java -Xmx512m -cp /tmp/shapes-classes shapes.LeakShapes $s OUT_DIR; done
 * </pre>
 *
 * listeners: each request registers a listener (a lambda capturing its RequestContext) on a static
 * event bus and never removes it. cache: a static HashMap caches a rendered Fragment per request URL,
 * never evicted. churn: a bounded LRU of 256 Pages (full after warm-up) and a job queue whose length
 * goes up and down with load; no leak.
 */
public final class LeakShapes {

    static final class Headers {
        final String accept = "application/json";
        final String agent;
        final int length;

        Headers(int n) {
            agent = "client/" + n;
            length = n % 1000;
        }
    }

    static final class RequestContext {
        final long id;
        final String user;
        final Headers headers;
        final long startedAt = System.nanoTime();
        Object config;

        RequestContext(long id) {
            this.id = id;
            this.user = "u" + (id % 97);
            this.headers = new Headers((int) id);
        }
    }

    static final class EventBus {
        private final Map<String, List<Consumer<Object>>> listeners = new HashMap<>();

        void on(String event, Consumer<Object> listener) {
            listeners.computeIfAbsent(event, k -> new ArrayList<>()).add(listener);
        }
    }

    static final class Fragment {
        final String url;
        final String html;
        final long renderedAt = System.nanoTime();
        int hits;

        Fragment(String url, String html) {
            this.url = url;
            this.html = html;
        }
    }

    static final class Page {
        final int id;
        final String title;
        final int[] links;

        Page(int id) {
            this.id = id;
            this.title = "page " + id;
            this.links = new int[] {id + 1, id + 2};
        }
    }

    static final class Job {
        final long id;
        final Map<String, Long> payload = new HashMap<>();

        Job(long id) {
            this.id = id;
            payload.put("n", id);
        }
    }

    static final EventBus BUS = new EventBus();
    static final Map<String, Fragment> FRAGMENTS = new HashMap<>();
    static final Map<Integer, Page> LRU = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Page> eldest) {
            return size() > 256;
        }
    };
    static final ArrayDeque<Job> QUEUE = new ArrayDeque<>();
    static final Random RANDOM = new Random(42);
    static long sink;

    static void request(String shape, long i) {
        switch (shape) {
            case "listeners" -> {
                RequestContext ctx = new RequestContext(i);
                BUS.on("config", cfg -> ctx.config = cfg); // never removed: the leak
                sink += ctx.user.length();
            }
            case "cache" -> {
                String url = "/items/" + i + "?page=" + (i % 7);
                Fragment f = FRAGMENTS.computeIfAbsent(url, u -> new Fragment(u, "<li>item " + u + "</li>"));
                f.hits++;
                sink += f.html.length();
            }
            case "churn" -> {
                int id = RANDOM.nextInt(5000);
                LRU.computeIfAbsent(id, Page::new);
                int target = (int) (400 + 350 * Math.sin(i / 900.0));
                while (QUEUE.size() < target) {
                    QUEUE.add(new Job(i * 1000 + QUEUE.size()));
                }
                while (QUEUE.size() > target) {
                    QUEUE.poll();
                }
                sink += QUEUE.size();
            }
            default -> throw new IllegalArgumentException("name a shape: listeners, cache, churn");
        }
    }

    public static void main(String[] args) throws Exception {
        String shape = args[0];
        Path out = Path.of(args.length > 1 ? args[1] : "/tmp/leak-shapes");
        Files.createDirectories(out);
        long i = 0;
        int n = 3000;
        for (; i < 1000; i++) {
            request(shape, i);
        }
        String[] moments = {"1-baseline", "2-target", "3-final"};
        for (int m = 0; m < 3; m++) {
            if (m > 0) {
                for (long end = i + n; i < end; i++) {
                    request(shape, i);
                }
            }
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            Files.writeString(out.resolve(shape + "-" + moments[m] + ".histo.txt"),
                    ProcessHandle.current().pid() + ":\n" + histogram);
            dump(out.resolve(shape + "-" + moments[m] + ".hprof"));
            System.out.println(shape + " " + moments[m] + " " + i + " requests");
        }
        System.out.println(sink > 0 ? "" : " ");
    }

    private static void dump(Path file) throws IOException {
        Files.deleteIfExists(file);
        com.sun.management.HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(
                com.sun.management.HotSpotDiagnosticMXBean.class);
        bean.dumpHeap(file.toString(), true);
    }
}
